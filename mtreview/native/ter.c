/*
 * mtreview._ter_native: the number of TER edits, exactly as sacrebleu's translation_edit_rate computes it.
 *
 * sacrebleu (sacrebleu/metrics/lib_ter.py) re-implements Tercom: greedy block shifts of hypothesis words,
 * each candidate shift judged by a *beam* edit distance (row i of the DP matrix only computes the columns
 * near the length-scaled diagonal; the other cells stay "infinite"). The result depends on every detail:
 * the beam geometry, the operation preference in the back-trace (which decides the alignment, which
 * decides the shift candidates), the candidate enumeration order and filters, the cap on candidates
 * checked and the ranking of candidates. This file reproduces each of them step for step, on word ids
 * (small ints) instead of strings, and differs only in ways that cannot change a value:
 *
 *   - the DP matrix is stored as a band (only the computed cells), so memory is O(n_hyp * beam + n_ref);
 *   - cell values are int32 with a sentinel for sacrebleu's 1e16 "infinity" (lengths are capped far
 *     below it), and a cell's operation is re-derived from its neighbours' values when tracing back,
 *     with the same comparisons sacrebleu makes when it stores the operation;
 *   - a shifted candidate shares its first words with the hypothesis it came from, and DP rows depend
 *     only on the hypothesis prefix (the beam depends on the lengths only, and shifts keep the length),
 *     so those rows are reused (sacrebleu's prefix cache does the same).
 *
 * (Stopping a candidate's DP early once a row proves it cannot win was tried: on real and on random
 * data the bound's upkeep cost more than it saved.)
 *
 * Python interface (the reference-length half of sacrebleu's (edits, length) tuple is len(ref)):
 *   ter_edits(hyp_ids, ref_ids) -> int: sequences of ints (word ids: equal ids exactly for equal words);
 *   ter_edits_words(hyp, ref) -> int: sequences of str, given ids here (saves the caller that mapping,
 *   which in Python costs about as much as the whole TER computation in C).
 */

#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include <math.h>
#include <stdint.h>
#include <string.h>

/* sacrebleu.metrics.lib_ter constants (Tercom-inspired limits). */
#define BEAM_WIDTH 25
#define MAX_SHIFT_SIZE 10
#define MAX_SHIFT_DIST 50
#define MAX_SHIFT_CANDIDATES 1000

typedef int32_t cost_t;

/* sacrebleu's _INT_INFINITY (1e16) for cells outside the beam. Any finite distance is at most
 * n_hyp + n_ref, and MAX_WORDS keeps that far below INF (and INF + 1 inside int32). */
#define INF ((cost_t)0x3FFFFFFF)
#define MAX_WORDS ((Py_ssize_t)1 << 28)

/* ------------------------------------------------------------------------------------------------ */
/* The beam: which columns each DP row computes, and where they are stored.                         */

typedef struct {
    Py_ssize_t n_h, n_r;
    Py_ssize_t *lo, *hi; /* row i (0..n_h) computes columns [lo[i], hi[i]) */
    size_t *off;         /* row i's first cell in a band-shaped buffer */
    size_t cells;        /* cells in one band-shaped buffer */
} Band;

/* Rounds to a double now. Where intermediates are wider than double (x87 FPUs), a product kept in a
 * register could floor to a different integer than Python's float product; a volatile store settles it. */
static double as_double(double x)
{
    volatile double stored = x;
    return stored;
}

/* Row ranges exactly as sacrebleu's BeamEditDistance._edit_distance derives them, in the same double
 * arithmetic (Python's int / int and int * float are IEEE divisions and products of exact doubles). */
static int band_init(Band *b, Py_ssize_t n_h, Py_ssize_t n_r)
{
    double ratio = n_h ? as_double((double)n_r / (double)n_h) : 1.0;
    /* "in some crazy sentences, the difference in length is so large that we may end up with zero
     * overlap with previous row": sacrebleu widens the beam then. */
    Py_ssize_t width = BEAM_WIDTH < ratio / 2.0 ? (Py_ssize_t)ceil(as_double(ratio / 2.0 + BEAM_WIDTH))
                                                : BEAM_WIDTH;
    size_t total = 0;

    b->n_h = n_h;
    b->n_r = n_r;
    b->lo = PyMem_RawMalloc(sizeof(Py_ssize_t) * (size_t)(n_h + 1));
    b->hi = PyMem_RawMalloc(sizeof(Py_ssize_t) * (size_t)(n_h + 1));
    b->off = PyMem_RawMalloc(sizeof(size_t) * (size_t)(n_h + 1));
    if (!b->lo || !b->hi || !b->off)
        return -1;
    for (Py_ssize_t i = 0; i <= n_h; i++) {
        Py_ssize_t lo = 0, hi = n_r + 1; /* row 0 (the initial row) and the last row end at n_r */
        if (i > 0) {
            Py_ssize_t diag = (Py_ssize_t)floor(as_double((double)i * ratio));
            lo = diag - width > 0 ? diag - width : 0;
            if (i < n_h && diag + width < hi)
                hi = diag + width;
        }
        if (lo > n_r + 1) /* cannot happen (diag <= n_r); keeps the storage arithmetic sane regardless */
            lo = n_r + 1;
        if (hi < lo)
            hi = lo;
        b->lo[i] = lo;
        b->hi[i] = hi;
        b->off[i] = total;
        if ((size_t)(hi - lo) > SIZE_MAX / sizeof(cost_t) - total)
            return -1;
        total += (size_t)(hi - lo);
    }
    b->cells = total;
    return 0;
}

static void band_free(Band *b)
{
    PyMem_RawFree(b->lo);
    PyMem_RawFree(b->hi);
    PyMem_RawFree(b->off);
    b->lo = b->hi = NULL;
    b->off = NULL;
}

/* Cell (i, j) of a band-shaped buffer; INF outside row i's beam (sacrebleu's untouched cells). */
static inline cost_t band_get(const Band *b, const cost_t *cells, Py_ssize_t i, Py_ssize_t j)
{
    if (j < b->lo[i] || j >= b->hi[i])
        return INF;
    return cells[b->off[i] + (size_t)(j - b->lo[i])];
}

/* ------------------------------------------------------------------------------------------------ */
/* The beam edit distance.                                                                           */

/* Row 0: j insertions of reference words. */
static void dp_first_row(const Band *b, cost_t *cells)
{
    for (Py_ssize_t j = 0; j <= b->n_r; j++)
        cells[j] = (cost_t)j;
}

/* Row i of the DP for hypothesis word `word`, from row i - 1 (`prev`, laid out as row i - 1 of the
 * band) into `cur`. A cell takes the smallest of substitution/match, deletion and insertion that is
 * below "infinity" (sacrebleu keeps 1e16 unless an operation is strictly cheaper). */
static void dp_row(const Band *b, Py_ssize_t i, const cost_t *prev, cost_t *cur, int64_t word,
                   const int64_t *ref)
{
    const Py_ssize_t plo = b->lo[i - 1], phi = b->hi[i - 1];
    const Py_ssize_t lo = b->lo[i], hi = b->hi[i];
    cost_t left = INF; /* cell (i, lo - 1): outside the beam */
    for (Py_ssize_t j = lo; j < hi; j++) {
        cost_t v;
        if (j == 0) {
            /* Column 0: deletions only. Row i - 1 always computes column 0 when row i does (lo never
             * decreases from row to row), so this reads a finite cell; guarded all the same. */
            v = plo == 0 && phi > 0 ? prev[0] + 1 : INF;
        } else {
            cost_t diag = (j - 1 >= plo && j - 1 < phi) ? prev[j - 1 - plo] : INF;
            cost_t up = (j >= plo && j < phi) ? prev[j - plo] : INF;
            cost_t d;
            v = diag + (word != ref[j - 1]);
            d = up + 1;
            if (d < v)
                v = d;
            d = left + 1;
            if (d < v)
                v = d;
            if (v > INF) /* reachable only through cells outside the beam */
                v = INF;
        }
        cur[j - lo] = v;
        left = v;
    }
}

/* The beam distance of hypothesis `hyp` (n_h words) to the reference. Rows 0..start of `base` must
 * hold the DP rows of a hypothesis sharing hyp's first `start` words; rows start + 1.. are written to
 * `out` (base == out computes in place). */
static cost_t dp_distance(const Band *b, const int64_t *hyp, const int64_t *ref, Py_ssize_t start,
                          const cost_t *base, cost_t *out)
{
    const Py_ssize_t n_h = b->n_h;
    if (start >= n_h)
        return band_get(b, base, n_h, b->n_r);
    for (Py_ssize_t i = start + 1; i <= n_h; i++) {
        const cost_t *prev = (i - 1 <= start ? base : out) + b->off[i - 1];
        dp_row(b, i, prev, out + b->off[i], hyp[i - 1], ref);
    }
    return band_get(b, out, n_h, b->n_r);
}

/* ------------------------------------------------------------------------------------------------ */
/* The alignment sacrebleu reads from the back-trace.                                                */

typedef struct {
    Py_ssize_t *align; /* reference position -> hypothesis position (-1: before the first word) */
    Py_ssize_t *ref_cum, *hyp_cum; /* prefix sums of the error flags: [0] = 0, [k + 1] = flags of 0..k */
} Alignment;

/* Walks sacrebleu's back-trace of a filled DP matrix and records what trace_to_alignment reads from its
 * flipped trace. At each cell the operation is the one sacrebleu stored: the first of (match or
 * substitution, deletion, insertion) strictly below the running minimum that starts at infinity.
 * Flipped, a deletion ('d': hypothesis word only) is a hypothesis error; an insertion ('i': reference
 * word only) is a reference error aligned after the last hypothesis word consumed.
 * Returns -1 if the walk meets a cell sacrebleu would mark undefined (impossible for a finished DP; it
 * raises an exception there, so do we). */
static int trace_alignment(const Band *b, const cost_t *cells, const int64_t *hyp, const int64_t *ref,
                           Alignment *a)
{
    Py_ssize_t i = b->n_h, j = b->n_r;
    memset(a->ref_cum, 0, sizeof(Py_ssize_t) * (size_t)(b->n_r + 1));
    memset(a->hyp_cum, 0, sizeof(Py_ssize_t) * (size_t)(b->n_h + 1));
    /* First the flags, stored one place up (ref_cum[k + 1] for position k), then summed. */
    while (i > 0 || j > 0) {
        if (i == 0) { /* the initial row: reference words only */
            j--;
            a->align[j] = -1;
            a->ref_cum[j + 1] = 1;
        } else if (j == 0) { /* column 0: hypothesis words only */
            i--;
            a->hyp_cum[i + 1] = 1;
        } else {
            int same = hyp[i - 1] == ref[j - 1];
            cost_t sub = band_get(b, cells, i - 1, j - 1) + !same;
            cost_t del = band_get(b, cells, i - 1, j) + 1;
            cost_t ins = band_get(b, cells, i, j - 1) + 1;
            cost_t best = INF;
            char op = 'x';
            if (sub < best) {
                best = sub;
                op = same ? ' ' : 's';
            }
            if (del < best) {
                best = del;
                op = 'd';
            }
            if (ins < best)
                op = 'i';
            if (op == 'x')
                return -1;
            if (op == 'd') {
                i--;
                a->hyp_cum[i + 1] = 1;
            } else if (op == 'i') {
                j--;
                a->align[j] = i - 1;
                a->ref_cum[j + 1] = 1;
            } else {
                i--;
                j--;
                a->align[j] = i;
                if (op == 's')
                    a->ref_cum[j + 1] = a->hyp_cum[i + 1] = 1;
            }
        }
    }
    for (Py_ssize_t k = 1; k <= b->n_r; k++)
        a->ref_cum[k] += a->ref_cum[k - 1];
    for (Py_ssize_t k = 1; k <= b->n_h; k++)
        a->hyp_cum[k] += a->hyp_cum[k - 1];
    return 0;
}

/* ------------------------------------------------------------------------------------------------ */
/* Shifts.                                                                                           */

/* Appends words[a:b] with Python's slice clamping (sacrebleu's _perform_shift is written in slices,
 * some of which run past the end). */
static Py_ssize_t append_slice(int64_t *out, Py_ssize_t pos, const int64_t *words, Py_ssize_t n,
                               Py_ssize_t a, Py_ssize_t b)
{
    if (a < 0)
        a = 0;
    if (b > n)
        b = n;
    if (b > a) {
        memcpy(out + pos, words + a, sizeof(int64_t) * (size_t)(b - a));
        pos += b - a;
    }
    return pos;
}

/* sacrebleu's _perform_shift: the block words[start:start + length] moved to before `target`. Writes
 * n words to `out` (each of its three cases keeps the length). */
static void perform_shift(const int64_t *words, Py_ssize_t n, Py_ssize_t start, Py_ssize_t length,
                          Py_ssize_t target, int64_t *out)
{
    Py_ssize_t pos = 0;
    if (target < start) {
        pos = append_slice(out, pos, words, n, 0, target);
        pos = append_slice(out, pos, words, n, start, start + length);
        pos = append_slice(out, pos, words, n, target, start);
        pos = append_slice(out, pos, words, n, start + length, n);
    } else if (target > start + length) {
        pos = append_slice(out, pos, words, n, 0, start);
        pos = append_slice(out, pos, words, n, start + length, target);
        pos = append_slice(out, pos, words, n, start, start + length);
        pos = append_slice(out, pos, words, n, target, n);
    } else { /* a target inside the block */
        pos = append_slice(out, pos, words, n, 0, start);
        pos = append_slice(out, pos, words, n, start + length, length + target);
        pos = append_slice(out, pos, words, n, start, start + length);
        pos = append_slice(out, pos, words, n, length + target, n);
    }
    (void)pos;
}

/* A candidate shift with sacrebleu's ranking tuple (gain, length, -start_h, -idx): the shifted words
 * are a function of (start_h, length, idx), so the tuple's last element never decides. */
typedef struct {
    int found;
    cost_t gain;
    Py_ssize_t length, start_h, idx;
} Shift;

/* True when a candidate with these tie-breakers beats `best` at equal gain. */
static int wins_tie(const Shift *best, Py_ssize_t length, Py_ssize_t start_h, Py_ssize_t idx)
{
    if (length != best->length)
        return length > best->length;
    if (start_h != best->start_h)
        return start_h < best->start_h;
    return idx < best->idx;
}

/* Everything one TER computation works on, allocated once. */
typedef struct {
    Band band;
    const int64_t *ref;
    int64_t *words;   /* the hypothesis as shifted so far */
    int64_t *cand;    /* a candidate shift of it */
    cost_t *base;     /* DP of `words` */
    cost_t *scratch;  /* DP rows of `cand` past the prefix it shares with `words` */
    Alignment al;
    long checked;     /* candidates checked, over all rounds (sacrebleu's checked_candidates) */
} Ter;

/* Judges one candidate: counts it, and makes it the best if its ranking tuple is larger. */
static void consider(Ter *t, cost_t pre, Py_ssize_t start_h, Py_ssize_t length, Py_ssize_t idx, Shift *best)
{
    const Py_ssize_t n_h = t->band.n_h;
    Py_ssize_t shared = 0;
    cost_t dist;

    t->checked++;
    perform_shift(t->words, n_h, start_h, length, idx, t->cand);
    while (shared < n_h && t->cand[shared] == t->words[shared])
        shared++;
    dist = dp_distance(&t->band, t->cand, t->ref, shared, t->base, t->scratch);
    if (!best->found || pre - dist > best->gain ||
        (pre - dist == best->gain && wins_tie(best, length, start_h, idx))) {
        best->found = 1;
        best->gain = pre - dist;
        best->length = length;
        best->start_h = start_h;
        best->idx = idx;
    }
}

/* One round of sacrebleu's _shift on t->words (whose DP is in t->base, distance `pre`). The (start_h,
 * start_r, length) triples come in _find_shifted_pairs order; each passes sacrebleu's three filters
 * (some hypothesis error in the block, some reference error at the target, the target not inside the
 * block) before its target positions are tried. Stops once MAX_SHIFT_CANDIDATES are checked, at the
 * same point sacrebleu does (after a triple's targets). */
static void best_shift(Ter *t, cost_t pre, Shift *best)
{
    const Py_ssize_t n_h = t->band.n_h, n_r = t->band.n_r;
    const int64_t *words = t->words, *ref = t->ref;
    const Py_ssize_t *align = t->al.align, *ref_cum = t->al.ref_cum, *hyp_cum = t->al.hyp_cum;

    best->found = 0;
    for (Py_ssize_t start_h = 0; start_h < n_h; start_h++) {
        Py_ssize_t reach = start_h + MAX_SHIFT_SIZE < n_h ? start_h + MAX_SHIFT_SIZE : n_h;
        Py_ssize_t r_lo = start_h - MAX_SHIFT_DIST > 0 ? start_h - MAX_SHIFT_DIST : 0;
        Py_ssize_t r_hi = start_h + MAX_SHIFT_DIST < n_r - 1 ? start_h + MAX_SHIFT_DIST : n_r - 1;
        if (hyp_cum[reach] == hyp_cum[start_h])
            continue; /* no hypothesis error within any block from here: the first filter rejects all */
        for (Py_ssize_t start_r = r_lo; start_r <= r_hi; start_r++) {
            for (Py_ssize_t length = 1; length <= MAX_SHIFT_SIZE; length++) {
                Py_ssize_t prev_idx = -1;
                if (start_h + length > n_h || start_r + length > n_r ||
                    words[start_h + length - 1] != ref[start_r + length - 1])
                    break; /* the matching run ends (or a side is consumed) */
                if (hyp_cum[start_h + length] == hyp_cum[start_h])
                    continue; /* the hypothesis block is right already */
                if (ref_cum[start_r + length] == ref_cum[start_r])
                    continue; /* the reference there is matched already */
                if (start_h <= align[start_r] && align[start_r] < start_h + length)
                    continue; /* the target lies inside the block */
                for (Py_ssize_t offset = -1; offset < length; offset++) {
                    /* sacrebleu inserts *before* the index, after the word aligned to start_r + offset */
                    Py_ssize_t idx = start_r + offset == -1 ? 0 : align[start_r + offset] + 1;
                    if (idx == prev_idx)
                        continue;
                    prev_idx = idx;
                    consider(t, pre, start_h, length, idx, best);
                }
                if (t->checked >= MAX_SHIFT_CANDIDATES)
                    return;
            }
        }
    }
}

/* sacrebleu's translation_edit_rate loop: apply the best shift while it lowers the distance and the
 * candidate budget lasts; the edits are the shifts made plus the final beam distance. Returns -1 when
 * the back-trace fails (see trace_alignment). */
static long long ter_run(Ter *t)
{
    const Band *b = &t->band;
    long long shifts = 0;
    dp_first_row(b, t->base);
    for (;;) {
        Shift best = {0, 0, 0, 0, 0};
        /* Row 0 never changes; the rest is recomputed for the shifted words (a round's cost is in its
         * candidates, not here). */
        cost_t pre = dp_distance(b, t->words, t->ref, 0, t->base, t->base);
        if (trace_alignment(b, t->base, t->words, t->ref, &t->al) < 0)
            return -1;
        best_shift(t, pre, &best);
        if (t->checked >= MAX_SHIFT_CANDIDATES || !best.found || best.gain <= 0)
            return shifts + pre;
        shifts++;
        perform_shift(t->words, b->n_h, best.start_h, best.length, best.idx, t->cand);
        memcpy(t->words, t->cand, sizeof(int64_t) * (size_t)b->n_h);
    }
}

/* ------------------------------------------------------------------------------------------------ */
/* Python interface.                                                                                 */

/* The items of `obj` as a list or tuple (PySequence_Fast), refusing strings and over-long sequences. */
static PyObject *fast_seq(PyObject *obj, const char *name)
{
    PyObject *seq;
    if (PyUnicode_Check(obj) || PyBytes_Check(obj) || PyByteArray_Check(obj)) {
        /* a string is a sequence, of characters: never what a caller means by words */
        PyErr_Format(PyExc_TypeError, "%s must be a sequence of words, not %.100s", name, Py_TYPE(obj)->tp_name);
        return NULL;
    }
    seq = PySequence_Fast(obj, "TER takes sequences of words");
    if (seq != NULL && PySequence_Fast_GET_SIZE(seq) > MAX_WORDS) {
        PyErr_Format(PyExc_ValueError, "%s has %zd words; TER takes at most %zd", name,
                     PySequence_Fast_GET_SIZE(seq), MAX_WORDS);
        Py_DECREF(seq);
        return NULL;
    }
    return seq;
}

/* Copies a sequence of ints into a new int64 array (PyMem_RawFree it). Sets a Python error and returns
 * NULL on a string or non-sequence, an item that is not an integer (no __index__), an id outside int64
 * or a sequence longer than MAX_WORDS. */
static int64_t *to_ids(PyObject *obj, const char *name, Py_ssize_t *n_out)
{
    PyObject *seq = fast_seq(obj, name);
    Py_ssize_t n;
    int64_t *ids;

    if (seq == NULL)
        return NULL;
    n = PySequence_Fast_GET_SIZE(seq);
    ids = PyMem_RawMalloc(sizeof(int64_t) * (size_t)(n ? n : 1));
    if (ids == NULL) {
        Py_DECREF(seq);
        PyErr_NoMemory();
        return NULL;
    }
    for (Py_ssize_t k = 0; k < n; k++) {
        PyObject *item = PySequence_Fast_GET_ITEM(seq, k);
        long long v;
        if (!PyIndex_Check(item)) { /* ints and int-likes (numpy integers); not floats, not strings */
            PyErr_Format(PyExc_TypeError, "%s[%zd] must be an int word id, not %.100s", name, k,
                         Py_TYPE(item)->tp_name);
            goto fail;
        }
        v = PyLong_AsLongLong(item);
        if (v == -1 && PyErr_Occurred())
            goto fail;
        ids[k] = (int64_t)v;
    }
    Py_DECREF(seq);
    *n_out = n;
    return ids;
fail:
    PyMem_RawFree(ids);
    Py_DECREF(seq);
    return NULL;
}

/* Word ids for exact str words: an open-addressing table (linear probing) keyed by the str hash. Only
 * exact str is taken: hashing and comparing it runs no Python code, so the borrowed items stay put. */
typedef struct {
    PyObject *word; /* borrowed from the caller's sequence; NULL: empty slot */
    Py_hash_t hash;
    int64_t id;
} Slot;

typedef struct {
    Slot *slots;
    size_t mask; /* capacity - 1, capacity a power of two at least twice the words */
    int64_t next;
} Vocab;

static int vocab_init(Vocab *v, Py_ssize_t words)
{
    size_t cap = 8;
    while (cap < 2 * (size_t)words)
        cap *= 2;
    v->slots = PyMem_RawCalloc(cap, sizeof(Slot));
    v->mask = cap - 1;
    v->next = 0;
    return v->slots ? 0 : -1;
}

/* Writes the id of each word of `seq` (a PySequence_Fast result) to `ids`; new words get new ids.
 * Returns -1 with TypeError on an item that is not an exact str. */
static int vocab_map(Vocab *v, PyObject *seq, const char *name, int64_t *ids)
{
    Py_ssize_t n = PySequence_Fast_GET_SIZE(seq);
    PyObject **items = PySequence_Fast_ITEMS(seq);
    for (Py_ssize_t k = 0; k < n; k++) {
        PyObject *w = items[k];
        Py_hash_t h;
        size_t i;
        if (!PyUnicode_CheckExact(w)) {
            PyErr_Format(PyExc_TypeError, "%s[%zd] must be a str word, not %.100s", name, k, Py_TYPE(w)->tp_name);
            return -1;
        }
        h = PyObject_Hash(w);
        if (h == -1)
            return -1;
        for (i = (size_t)h & v->mask;; i = (i + 1) & v->mask) {
            Slot *slot = &v->slots[i];
            if (slot->word == NULL) {
                slot->word = w;
                slot->hash = h;
                slot->id = v->next++;
                break;
            }
            if (slot->hash == h && (slot->word == w || PyUnicode_Compare(slot->word, w) == 0))
                break;
        }
        ids[k] = v->slots[i].id;
    }
    return 0;
}

static void ter_free(Ter *t)
{
    band_free(&t->band);
    PyMem_RawFree(t->words);
    PyMem_RawFree(t->cand);
    PyMem_RawFree(t->base);
    PyMem_RawFree(t->scratch);
    PyMem_RawFree(t->al.align);
    PyMem_RawFree(t->al.ref_cum);
    PyMem_RawFree(t->al.hyp_cum);
}

/* Allocates every buffer of a run (none is allocated later, so the run can go without the GIL). */
static int ter_alloc(Ter *t, const int64_t *hyp, Py_ssize_t n_h, const int64_t *ref, Py_ssize_t n_r)
{
    size_t words = (size_t)(n_h ? n_h : 1);
    if (band_init(&t->band, n_h, n_r) < 0)
        return -1;
    t->ref = ref;
    t->words = PyMem_RawMalloc(sizeof(int64_t) * words);
    t->cand = PyMem_RawMalloc(sizeof(int64_t) * words);
    t->base = PyMem_RawMalloc(sizeof(cost_t) * t->band.cells);
    t->scratch = PyMem_RawMalloc(sizeof(cost_t) * t->band.cells);
    t->al.align = PyMem_RawMalloc(sizeof(Py_ssize_t) * (size_t)(n_r + 1));
    t->al.ref_cum = PyMem_RawMalloc(sizeof(Py_ssize_t) * (size_t)(n_r + 1));
    t->al.hyp_cum = PyMem_RawMalloc(sizeof(Py_ssize_t) * (size_t)(n_h + 1));
    if (!t->words || !t->cand || !t->base || !t->scratch || !t->al.align || !t->al.ref_cum || !t->al.hyp_cum)
        return -1;
    if (n_h)
        memcpy(t->words, hyp, sizeof(int64_t) * (size_t)n_h);
    t->checked = 0;
    return 0;
}

/* The TER edits of hypothesis ids against reference ids as a Python int (or NULL with an error). Frees
 * `hyp` and `ref` whatever happens. */
static PyObject *edits_of_ids(int64_t *hyp, Py_ssize_t n_h, int64_t *ref, Py_ssize_t n_r)
{
    Ter t;
    long long edits = 0;
    int alloc_failed;

    if (n_r == 0) { /* sacrebleu: an empty reference costs one edit per hypothesis word */
        PyMem_RawFree(hyp);
        PyMem_RawFree(ref);
        return PyLong_FromSsize_t(n_h);
    }
    memset(&t, 0, sizeof t);
    alloc_failed = ter_alloc(&t, hyp, n_h, ref, n_r) < 0;
    if (!alloc_failed) {
        Py_BEGIN_ALLOW_THREADS
        edits = ter_run(&t);
        Py_END_ALLOW_THREADS
    }
    ter_free(&t);
    PyMem_RawFree(hyp);
    PyMem_RawFree(ref);
    if (alloc_failed)
        return PyErr_NoMemory();
    if (edits < 0) {
        PyErr_SetString(PyExc_RuntimeError, "TER beam search left a cell of the back-trace unreachable");
        return NULL;
    }
    return PyLong_FromLongLong(edits);
}

static int check_nargs(const char *func, Py_ssize_t nargs)
{
    if (nargs == 2)
        return 0;
    PyErr_Format(PyExc_TypeError, "%s() takes 2 arguments (hyp, ref), got %zd", func, nargs);
    return -1;
}

PyDoc_STRVAR(ter_edits_doc,
"ter_edits(hyp, ref, /) -> int\n"
"\n"
"Number of TER edits (shifts + beam edit distance) turning hypothesis word ids `hyp` into reference\n"
"word ids `ref` (sequences of ints), equal to the first element of sacrebleu's translation_edit_rate on\n"
"the words they stand for: ids must be equal exactly when the words are.");

static PyObject *py_ter_edits(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    Py_ssize_t n_h = 0, n_r = 0;
    int64_t *hyp, *ref;

    (void)self;
    if (check_nargs("ter_edits", nargs) < 0)
        return NULL;
    hyp = to_ids(args[0], "hyp", &n_h);
    if (hyp == NULL)
        return NULL;
    ref = to_ids(args[1], "ref", &n_r);
    if (ref == NULL) {
        PyMem_RawFree(hyp);
        return NULL;
    }
    return edits_of_ids(hyp, n_h, ref, n_r);
}

PyDoc_STRVAR(ter_edits_words_doc,
"ter_edits_words(hyp, ref, /) -> int\n"
"\n"
"ter_edits on words: `hyp` and `ref` are sequences of str (exact str; TypeError otherwise), given ids\n"
"here. Equal to the first element of sacrebleu's translation_edit_rate(hyp, ref).");

static PyObject *py_ter_edits_words(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    PyObject *hseq = NULL, *rseq = NULL;
    Py_ssize_t n_h, n_r;
    int64_t *hyp = NULL, *ref = NULL;
    Vocab vocab = {NULL, 0, 0};

    (void)self;
    if (check_nargs("ter_edits_words", nargs) < 0)
        return NULL;
    hseq = fast_seq(args[0], "hyp");
    if (hseq == NULL)
        return NULL;
    rseq = fast_seq(args[1], "ref");
    if (rseq == NULL)
        goto fail;
    n_h = PySequence_Fast_GET_SIZE(hseq);
    n_r = PySequence_Fast_GET_SIZE(rseq);
    hyp = PyMem_RawMalloc(sizeof(int64_t) * (size_t)(n_h ? n_h : 1));
    ref = PyMem_RawMalloc(sizeof(int64_t) * (size_t)(n_r ? n_r : 1));
    if (hyp == NULL || ref == NULL || vocab_init(&vocab, n_h + n_r) < 0) {
        PyErr_NoMemory();
        goto fail;
    }
    if (vocab_map(&vocab, rseq, "ref", ref) < 0 || vocab_map(&vocab, hseq, "hyp", hyp) < 0)
        goto fail;
    /* The table borrowed the words from the sequences: free it before letting them go. */
    PyMem_RawFree(vocab.slots);
    Py_DECREF(hseq);
    Py_DECREF(rseq);
    return edits_of_ids(hyp, n_h, ref, n_r);
fail:
    PyMem_RawFree(vocab.slots);
    PyMem_RawFree(hyp);
    PyMem_RawFree(ref);
    Py_DECREF(hseq);
    Py_XDECREF(rseq);
    return NULL;
}

static PyMethodDef ter_methods[] = {
    {"ter_edits", (PyCFunction)(void (*)(void))py_ter_edits, METH_FASTCALL, ter_edits_doc},
    {"ter_edits_words", (PyCFunction)(void (*)(void))py_ter_edits_words, METH_FASTCALL, ter_edits_words_doc},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef ter_module = {
    PyModuleDef_HEAD_INIT,
    "mtreview._ter_native",
    "sacrebleu's TER edit count, in C (see mtreview/native/ter.c).",
    -1,
    ter_methods,
    NULL, NULL, NULL, NULL,
};

PyMODINIT_FUNC PyInit__ter_native(void)
{
    PyObject *m = PyModule_Create(&ter_module);
    if (m == NULL)
        return NULL;
    if (PyModule_AddIntConstant(m, "MAX_WORDS", (long)MAX_WORDS) < 0) {
        Py_DECREF(m);
        return NULL;
    }
    return m;
}

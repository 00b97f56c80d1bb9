/*
 * mtreview._ngram_native: exact n-gram statistics for BLEU, chrF and chrF++ (mtreview/ngrams.py holds the
 * numpy version, the fallback and the reference the tests compare this with).
 *
 * A group of S strings (a hypothesis, its references, ...) is read once per *channel*: its characters
 * (whitespace removed, as chrF does), its words as str.split() gives them, its words split off leading or
 * trailing ASCII punctuation (chrF++), or the tokens of sacrebleu's 13a tokenizer (BLEU). Every distinct
 * n-gram of every channel and order gets one row of S counts; the statistics the metrics need are then
 * short loops over those rows: the multiset intersection of two strings per order (chrF's matches, and
 * chrF's statistics and running precision/recall sums from them) and BLEU's clipped counts (min of the
 * hypothesis count and the largest reference count).
 *
 * Why C: segments are ~100 characters, so numpy spends its time in per-call overhead (~25 calls per
 * group), and Python tokenisation allocates a str per word and runs a regex per rule. Here code points
 * are read straight from the str objects, and words and n-grams are numbered through one kind of exact
 * table (pair_table.h: an n-gram is (number of its first n - 1 symbols, last symbol), a word a path in a
 * trie of code points): equal keys are compared in full, so the counts are exact for any input (any
 * alphabet, number of strings, length); hashing only decides where to look. words.h reads text into
 * words (13a, str.split(), chrF++'s split) exactly as sacrebleu does.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <structmember.h>
#include <stdint.h>
#include <string.h>

#include "pair_table.h"
#include "words.h"

/* ---- reading strings into symbol numbers ------------------------------------------------------------ */

/* One channel of the group being counted. */
typedef struct {
    int mode;
    Py_ssize_t orders;
    PyObject *strings;  /* a tuple of str, owned */
    uint32_t *ids;      /* symbol numbers of all strings end to end */
    Py_ssize_t *lens;   /* symbols per string */
    Py_ssize_t nids;
} Channel;

/* Characters: the code points themselves are the symbol numbers; whitespace (Python's, as str.split()
 * uses) is dropped, as sacrebleu's ''.join(line.split()) does. */
static void
read_chars(Channel *ch, Py_ssize_t size)
{
    Py_ssize_t k = 0;
    for (Py_ssize_t s = 0; s < size; s++) {
        PyObject *str = PyTuple_GET_ITEM(ch->strings, s);
        int kind = PyUnicode_KIND(str);
        const void *data = PyUnicode_DATA(str);
        Py_ssize_t n = PyUnicode_GET_LENGTH(str), start = k;
        for (Py_ssize_t i = 0; i < n; i++) {
            Py_UCS4 c = PyUnicode_READ(kind, data, i);
            if (!Py_UNICODE_ISSPACE(c))
                ch->ids[k++] = (uint32_t)c;
        }
        ch->lens[s] = k - start;
    }
    ch->nids = k;
}

/* A word's number is its node in a trie of the channel's words (`vocab`): exact, no word is copied. */
typedef struct {
    PairTable *vocab;
    uint32_t *ids;
    Py_ssize_t k;
} Numbering;

static int
number_word(const uint32_t *word, Py_ssize_t len, void *arg)
{
    Numbering *nb = arg;
    int64_t node = -1;
    for (Py_ssize_t q = 0; q < len; q++) {
        int added;
        node = table_number(nb->vocab, node, word[q], &added);
        if (node < 0)
            return -1;
    }
    nb->ids[nb->k++] = (uint32_t)node;
    return 0;
}

/* Words of every string of a word channel, numbered. A string never has more words than code points
 * (13a's padding adds only spaces, its replacements shorten), so ch->ids (one slot per code point) holds
 * them. */
static int
read_words(Channel *ch, Py_ssize_t size, PairTable *vocab)
{
    Buf a = {0}, b = {0};
    Numbering nb = {vocab, ch->ids, 0};
    int rc = -1;
    for (Py_ssize_t s = 0; s < size; s++) {
        Py_ssize_t start = nb.k;
        if (read_text(PyTuple_GET_ITEM(ch->strings, s), &a, ch->mode == MODE_BLEU_13A) < 0)
            goto done;
        if (ch->mode == MODE_BLEU_13A && tokenize_13a(&a, &b) < 0)
            goto done;
        if (split_words(a.p, a.n, ch->mode == MODE_CHRF_WORDS, number_word, &nb) < 0)
            goto done;
        ch->lens[s] = nb.k - start;
    }
    ch->nids = nb.k;
    rc = 0;
done:
    PyMem_Free(a.p);
    PyMem_Free(b.p);
    return rc;
}

/* ---- the counts object ------------------------------------------------------------------------------ */

typedef struct {
    PyObject_HEAD
    Py_ssize_t size;    /* S, the number of strings */
    Py_ssize_t orders;  /* global orders, over all channels */
    Py_ssize_t ngrams;  /* distinct n-grams (rows) */
    Py_ssize_t *counts; /* counts[g * size + s]: n-gram g's count in string s */
    Py_ssize_t *bounds; /* rows of global order o: bounds[o] .. bounds[o + 1] - 1 */
    Py_ssize_t *tot;    /* tot[o * size + s]: the number of n-grams of global order o in string s */
    PyObject *totals;   /* the same as a list of lists for Python (what callers do to it changes nothing here) */
} Counts;

static void
Counts_dealloc(Counts *self)
{
    PyMem_Free(self->counts);
    PyMem_Free(self->bounds);
    PyMem_Free(self->tot);
    Py_XDECREF(self->totals);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

/* Make room for row `g` of the counts (rows are numbered in order, so g is at most one past the end). */
static int
ensure_row(Counts *self, Py_ssize_t g, Py_ssize_t *rows_cap)
{
    Py_ssize_t size = self->size;
    if (g >= *rows_cap) {
        Py_ssize_t cap = *rows_cap * 2 > g ? *rows_cap * 2 : g + 64;
        if ((size_t)cap > (size_t)PY_SSIZE_T_MAX / sizeof(Py_ssize_t) / (size_t)size) {
            PyErr_NoMemory();
            return -1;
        }
        Py_ssize_t *counts = PyMem_Realloc(self->counts, (size_t)cap * size * sizeof(Py_ssize_t));
        if (counts == NULL) {
            PyErr_NoMemory();
            return -1;
        }
        self->counts = counts;
        *rows_cap = cap;
    }
    memset(self->counts + g * size, 0, (size_t)size * sizeof(Py_ssize_t));
    return 0;
}

/* Number every n-gram of channel `ch` (orders 1..ch->orders, global orders tag0..) in `grams`, adding one
 * to its row's count for its string; fills bounds and totals for those orders. */
static int
count_channel(Counts *self, Channel *ch, Py_ssize_t tag0, PairTable *grams, Py_ssize_t *rows_cap)
{
    Py_ssize_t size = self->size;
    /* prefix[p]: the number of the n-gram at position p, once order n is done (the prefix of order n + 1) */
    int64_t *prefix = PyMem_Malloc((size_t)(ch->nids ? ch->nids : 1) * sizeof(int64_t));
    if (prefix == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    for (Py_ssize_t n = 1; n <= ch->orders; n++) {
        Py_ssize_t tag = tag0 + n - 1, start = 0;
        PyObject *row = PyList_New(size);
        if (row == NULL)
            goto fail;
        PyList_SET_ITEM(self->totals, tag, row);
        self->bounds[tag] = grams->n;
        for (Py_ssize_t s = 0; s < size; s++) {
            Py_ssize_t len = ch->lens[s], m = len >= n ? len - n + 1 : 0;
            PyObject *total = PyLong_FromSsize_t(m);
            if (total == NULL)
                goto fail;
            PyList_SET_ITEM(row, s, total);
            self->tot[tag * size + s] = m;
            Py_ssize_t *counts = self->counts + s; /* this string's column (reloaded when rows move) */
            for (Py_ssize_t p = start; p < start + m; p++) {
                int added;
                Py_ssize_t g = table_number(grams, n == 1 ? -1 - (int64_t)tag : prefix[p], ch->ids[p + n - 1],
                                            &added);
                if (g < 0)
                    goto fail;
                if (added) {
                    if (ensure_row(self, g, rows_cap) < 0)
                        goto fail;
                    counts = self->counts + s;
                }
                counts[g * size]++;
                prefix[p] = g;
            }
            start += len;
        }
    }
    PyMem_Free(prefix);
    return 0;
fail:
    PyMem_Free(prefix);
    return -1;
}

/* Check and hold one channel argument: (mode, strings, orders). Sets ch->strings (a new reference). */
static int
parse_channel(PyObject *arg, Channel *ch, Py_ssize_t *size)
{
    if (!PyTuple_Check(arg) || PyTuple_GET_SIZE(arg) != 3) {
        PyErr_SetString(PyExc_TypeError, "a channel is a tuple (mode, strings, orders)");
        return -1;
    }
    long mode = PyLong_AsLong(PyTuple_GET_ITEM(arg, 0));
    if (mode == -1 && PyErr_Occurred())
        return -1;
    if (mode != MODE_CHARS && mode != MODE_WORDS && mode != MODE_CHRF_WORDS && mode != MODE_BLEU_13A) {
        PyErr_Format(PyExc_ValueError, "unknown channel mode %ld", mode);
        return -1;
    }
    Py_ssize_t orders = PyLong_AsSsize_t(PyTuple_GET_ITEM(arg, 2));
    if (orders == -1 && PyErr_Occurred())
        return -1;
    if (orders < 1 || orders > 1000000) {
        PyErr_Format(PyExc_ValueError, "a channel has 1 to 1000000 orders, not %zd", orders);
        return -1;
    }
    PyObject *strings = PyTuple_GET_ITEM(arg, 1);
    if (PyUnicode_Check(strings)) { /* a str is a sequence of str: almost certainly a mistake */
        PyErr_SetString(PyExc_TypeError, "a channel's strings must be a sequence of str, not a str");
        return -1;
    }
    /* A private tuple: nothing run during counting (a finaliser, say) can change what is being read. */
    strings = PySequence_Tuple(strings);
    if (strings == NULL)
        return -1;
    Py_ssize_t n = PySequence_Fast_GET_SIZE(strings);
    for (Py_ssize_t s = 0; s < n; s++) {
        PyObject *str = PySequence_Fast_GET_ITEM(strings, s);
        if (!PyUnicode_Check(str)) {
            PyErr_Format(PyExc_TypeError, "strings must be str, not %.100s", Py_TYPE(str)->tp_name);
            Py_DECREF(strings);
            return -1;
        }
#if PY_VERSION_HEX < 0x030C0000
        if (PyUnicode_READY(str) < 0) {
            Py_DECREF(strings);
            return -1;
        }
#endif
    }
    if (*size >= 0 && n != *size) {
        PyErr_SetString(PyExc_ValueError, "every channel must hold the same number of strings");
        Py_DECREF(strings);
        return -1;
    }
    *size = n;
    ch->mode = (int)mode;
    ch->orders = orders;
    ch->strings = strings;
    return 0;
}

static PyObject *
Counts_new(PyTypeObject *type, PyObject *args, PyObject *kwds)
{
    static char *kwlist[] = {"channels", NULL};
    PyObject *arg;
    if (!PyArg_ParseTupleAndKeywords(args, kwds, "O:Counts", kwlist, &arg))
        return NULL;
    PyObject *seq = PySequence_Fast(arg, "channels must be a sequence of (mode, strings, orders)");
    if (seq == NULL)
        return NULL;
    Py_ssize_t nch = PySequence_Fast_GET_SIZE(seq), size = -1, orders = 0;
    Counts *self = NULL;
    Channel *chs = NULL;
    PairTable grams = {0}, vocab = {0};
    if (nch == 0) {
        PyErr_SetString(PyExc_ValueError, "at least one channel");
        goto done;
    }
    chs = PyMem_Calloc((size_t)nch, sizeof(Channel));
    if (chs == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    for (Py_ssize_t c = 0; c < nch; c++) {
        if (parse_channel(PySequence_Fast_GET_ITEM(seq, c), &chs[c], &size) < 0)
            goto done;
        orders += chs[c].orders;
        if (orders > 1000000) {
            PyErr_SetString(PyExc_ValueError, "too many orders in all");
            goto done;
        }
    }
    self = (Counts *)type->tp_alloc(type, 0);
    if (self == NULL)
        goto done;
    self->size = size;
    self->orders = orders;
    self->bounds = PyMem_Calloc((size_t)orders + 1, sizeof(Py_ssize_t));
    self->tot = PyMem_Calloc((size_t)orders * (size_t)(size ? size : 1), sizeof(Py_ssize_t));
    if (self->bounds == NULL || self->tot == NULL) {
        PyErr_NoMemory();
        goto fail;
    }
    self->totals = PyList_New(orders);
    if (self->totals == NULL)
        goto fail;
    /* Symbols first: each channel's strings end to end as numbers. No string yields more symbols than
     * it has code points, so its length bounds each buffer. */
    Py_ssize_t occurrences = 0;
    for (Py_ssize_t c = 0; c < nch; c++) {
        Channel *ch = &chs[c];
        Py_ssize_t chars = 0;
        for (Py_ssize_t s = 0; s < size; s++)
            chars += PyUnicode_GET_LENGTH(PyTuple_GET_ITEM(ch->strings, s));
        ch->ids = PyMem_Malloc((size_t)(chars ? chars : 1) * sizeof(uint32_t));
        ch->lens = PyMem_Malloc((size_t)(size ? size : 1) * sizeof(Py_ssize_t));
        if (ch->ids == NULL || ch->lens == NULL) {
            PyErr_NoMemory();
            goto fail;
        }
        if (ch->mode == MODE_CHARS) {
            read_chars(ch, size);
        }
        else {
            /* one vocabulary per channel: its words are numbered only against each other */
            table_free(&vocab);
            if (table_init(&vocab, chars / 2) < 0 || read_words(ch, size, &vocab) < 0)
                goto fail;
        }
        occurrences += ch->nids * (ch->orders < 8 ? ch->orders : 8);
    }
    table_free(&vocab);
    /* Then n-grams, channel by channel and order by order, so each order's rows are contiguous. The
     * table and the counts start at a size for distinct n-grams being about half the occurrences
     * (strings scored together are similar), and grow if needed. */
    Py_ssize_t rows_cap = 0, tag = 0;
    if (table_init(&grams, occurrences / 2) < 0 || (size > 0 && ensure_row(self, occurrences / 2, &rows_cap) < 0))
        goto fail;
    for (Py_ssize_t c = 0; c < nch; c++) {
        if (count_channel(self, &chs[c], tag, &grams, &rows_cap) < 0)
            goto fail;
        tag += chs[c].orders;
    }
    self->bounds[orders] = grams.n;
    self->ngrams = grams.n;
    goto done;
fail:
    Py_CLEAR(self);
done:
    table_free(&grams);
    table_free(&vocab);
    for (Py_ssize_t c = 0; chs != NULL && c < nch; c++) {
        Py_XDECREF(chs[c].strings);
        PyMem_Free(chs[c].ids);
        PyMem_Free(chs[c].lens);
    }
    PyMem_Free(chs);
    Py_DECREF(seq);
    return (PyObject *)self;
}

/* ---- statistics ------------------------------------------------------------------------------------- */

static int
check_index(Counts *self, Py_ssize_t i)
{
    if (i < 0 || i >= self->size) {
        PyErr_Format(PyExc_IndexError, "string %zd out of range (0..%zd)", i, self->size - 1);
        return -1;
    }
    return 0;
}

static PyObject *
Counts_matches(Counts *self, PyObject *args)
{
    Py_ssize_t a, b;
    if (!PyArg_ParseTuple(args, "nn:matches", &a, &b) || check_index(self, a) < 0 || check_index(self, b) < 0)
        return NULL;
    PyObject *out = PyList_New(self->orders);
    if (out == NULL)
        return NULL;
    const Py_ssize_t *c = self->counts, S = self->size;
    for (Py_ssize_t o = 0; o < self->orders; o++) {
        Py_ssize_t sum = 0;
        for (Py_ssize_t g = self->bounds[o]; g < self->bounds[o + 1]; g++) {
            Py_ssize_t x = c[g * S + a], y = c[g * S + b];
            sum += x < y ? x : y;
        }
        PyObject *v = PyLong_FromSsize_t(sum);
        if (v == NULL) {
            Py_DECREF(out);
            return NULL;
        }
        PyList_SET_ITEM(out, o, v);
    }
    return out;
}

static PyObject *
Counts_clipped(Counts *self, PyObject *args)
{
    Py_ssize_t hyp, first, orders;
    PyObject *refs_arg;
    if (!PyArg_ParseTuple(args, "nOnn:clipped", &hyp, &refs_arg, &first, &orders) || check_index(self, hyp) < 0)
        return NULL;
    if (first < 0 || orders < 0 || first > self->orders || orders > self->orders - first) {
        PyErr_Format(PyExc_IndexError, "orders %zd..%zd out of range (0..%zd)", first, first + orders - 1,
                     self->orders - 1);
        return NULL;
    }
    PyObject *seq = PySequence_Tuple(refs_arg); /* a private copy, as for the strings */
    if (seq == NULL)
        return NULL;
    Py_ssize_t nrefs = PySequence_Fast_GET_SIZE(seq);
    PyObject *out = NULL;
    Py_ssize_t *refs = PyMem_Malloc((size_t)(nrefs ? nrefs : 1) * sizeof(Py_ssize_t));
    if (refs == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    if (nrefs == 0) {
        PyErr_SetString(PyExc_ValueError, "clipped counts need at least one reference");
        goto done;
    }
    for (Py_ssize_t k = 0; k < nrefs; k++) {
        refs[k] = PyNumber_AsSsize_t(PySequence_Fast_GET_ITEM(seq, k), PyExc_IndexError);
        if ((refs[k] == -1 && PyErr_Occurred()) || check_index(self, refs[k]) < 0)
            goto done;
    }
    out = PyList_New(orders);
    if (out == NULL)
        goto done;
    const Py_ssize_t *c = self->counts, S = self->size;
    for (Py_ssize_t o = 0; o < orders; o++) {
        Py_ssize_t sum = 0;
        for (Py_ssize_t g = self->bounds[first + o]; g < self->bounds[first + o + 1]; g++) {
            const Py_ssize_t *row = c + g * S;
            Py_ssize_t h = row[hyp], best = 0;
            if (h == 0)
                continue;
            for (Py_ssize_t k = 0; k < nrefs && best < h; k++) /* past h, more cannot change min(h, best) */
                if (row[refs[k]] > best)
                    best = row[refs[k]];
            sum += h < best ? h : best;
        }
        PyObject *v = PyLong_FromSsize_t(sum);
        if (v == NULL) {
            Py_CLEAR(out);
            goto done;
        }
        PyList_SET_ITEM(out, o, v);
    }
done:
    PyMem_Free(refs);
    Py_DECREF(seq);
    return out;
}

/* Sum of min(count in a, count in b) over the rows of global order o. */
static Py_ssize_t
order_matches(const Counts *self, Py_ssize_t o, Py_ssize_t a, Py_ssize_t b)
{
    const Py_ssize_t *c = self->counts, S = self->size;
    Py_ssize_t sum = 0;
    for (Py_ssize_t g = self->bounds[o]; g < self->bounds[o + 1]; g++) {
        Py_ssize_t x = c[g * S + a], y = c[g * S + b];
        sum += x < y ? x : y;
    }
    return sum;
}

static inline Py_ssize_t
order_total(const Counts *self, Py_ssize_t o, Py_ssize_t s)
{
    return self->tot[o * self->size + s];
}

/* Arguments (hyp, ref, orders) of the chrF methods, checked. */
static int
parse_pair_orders(Counts *self, PyObject *args, const char *fmt, Py_ssize_t *hyp, Py_ssize_t *ref,
                  Py_ssize_t *orders)
{
    if (!PyArg_ParseTuple(args, fmt, hyp, ref, orders) || check_index(self, *hyp) < 0 ||
        check_index(self, *ref) < 0)
        return -1;
    if (*orders < 0 || *orders > self->orders) {
        PyErr_Format(PyExc_IndexError, "%zd orders out of range (0..%zd)", *orders, self->orders);
        return -1;
    }
    return 0;
}

static PyObject *
Counts_chrf_stats(Counts *self, PyObject *args)
{
    Py_ssize_t hyp, ref, orders;
    if (parse_pair_orders(self, args, "nnn:chrf_stats", &hyp, &ref, &orders) < 0)
        return NULL;
    PyObject *out = PyList_New(3 * orders);
    if (out == NULL)
        return NULL;
    for (Py_ssize_t o = 0; o < orders; o++) {
        Py_ssize_t n_ref = order_total(self, o, ref);
        /* sacrebleu counts no hypothesis n-grams of an order the reference has none of */
        Py_ssize_t v[3] = {n_ref ? order_total(self, o, hyp) : 0, n_ref, order_matches(self, o, hyp, ref)};
        for (int k = 0; k < 3; k++) {
            PyObject *x = PyLong_FromSsize_t(v[k]);
            if (x == NULL) {
                Py_DECREF(out);
                return NULL;
            }
            PyList_SET_ITEM(out, 3 * o + k, x);
        }
    }
    return out;
}

static PyObject *
Counts_chrf_sums(Counts *self, PyObject *args)
{
    Py_ssize_t hyp, ref, orders;
    if (parse_pair_orders(self, args, "nnn:chrf_sums", &hyp, &ref, &orders) < 0)
        return NULL;
    PyObject *out = PyList_New(orders);
    if (out == NULL)
        return NULL;
    /* The same double operations in the same order as sacrebleu's CHRF._compute_f_score (int / int in
     * Python is the correctly rounded quotient, as is C's division of the two exactly converted doubles
     * for counts below 2**53). */
    double prec = 0.0, rec = 0.0;
    Py_ssize_t eff = 0;
    for (Py_ssize_t o = 0; o < orders; o++) {
        Py_ssize_t n_hyp = order_total(self, o, hyp), n_ref = order_total(self, o, ref);
        if (n_hyp > 0 && n_ref > 0) {
            double match = (double)order_matches(self, o, hyp, ref);
            prec += match / (double)n_hyp;
            rec += match / (double)n_ref;
            eff++;
        }
        PyObject *t = Py_BuildValue("(ddn)", prec, rec, eff);
        if (t == NULL) {
            Py_DECREF(out);
            return NULL;
        }
        PyList_SET_ITEM(out, o, t);
    }
    return out;
}

static PyObject *
Counts_get_totals(Counts *self, void *closure)
{
    Py_INCREF(self->totals);
    return self->totals;
}

static PyObject *
Counts_get_bounds(Counts *self, void *closure)
{
    PyObject *out = PyList_New(self->orders + 1);
    if (out == NULL)
        return NULL;
    for (Py_ssize_t o = 0; o <= self->orders; o++) {
        PyObject *v = PyLong_FromSsize_t(self->bounds[o]);
        if (v == NULL) {
            Py_DECREF(out);
            return NULL;
        }
        PyList_SET_ITEM(out, o, v);
    }
    return out;
}

static PyMethodDef Counts_methods[] = {
    {"matches", (PyCFunction)Counts_matches, METH_VARARGS,
     "matches(a, b) -> list[int]: size of the multiset intersection of strings a and b, per global order."},
    {"clipped", (PyCFunction)Counts_clipped, METH_VARARGS,
     "clipped(hyp, refs, first, orders) -> list[int]: BLEU's matched counts for global orders "
     "first..first+orders-1: per n-gram min(hyp count, largest count in any reference), summed."},
    {"chrf_stats", (PyCFunction)Counts_chrf_stats, METH_VARARGS,
     "chrf_stats(hyp, ref, orders) -> list[int]: sacrebleu's chrF statistics of the first `orders` global "
     "orders, [hypothesis n-grams (0 where the reference has none), reference n-grams, matches] per order."},
    {"chrf_sums", (PyCFunction)Counts_chrf_sums, METH_VARARGS,
     "chrf_sums(hyp, ref, orders) -> list[(precision sum, recall sum, effective order)]: chrF's running "
     "sums after each of the first `orders` global orders, added as sacrebleu adds them."},
    {NULL, NULL, 0, NULL},
};

static PyMemberDef Counts_members[] = {
    {"size", T_PYSSIZET, offsetof(Counts, size), READONLY, "number of strings"},
    {"orders", T_PYSSIZET, offsetof(Counts, orders), READONLY, "number of global orders (all channels)"},
    {"distinct", T_PYSSIZET, offsetof(Counts, ngrams), READONLY, "number of distinct n-grams, all orders"},
    {NULL, 0, 0, 0, NULL},
};

static PyGetSetDef Counts_getset[] = {
    {"totals", (getter)Counts_get_totals, NULL, "[order][string]: number of n-grams (shared list)", NULL},
    {"bounds", (getter)Counts_get_bounds, NULL, "distinct n-grams before each global order, and in all", NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

static PyTypeObject CountsType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "mtreview._ngram_native.Counts",
    .tp_basicsize = sizeof(Counts),
    .tp_dealloc = (destructor)Counts_dealloc,
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_doc = "Counts(channels): n-gram counts of S strings; channels = [(mode, strings, orders), ...] with\n"
              "mode CHARS (code points, whitespace removed), WORDS (str.split()) or CHRF_WORDS (chrF++'s\n"
              "punctuation split). Global orders: channel 0's orders 1.. first, then channel 1's, ...",
    .tp_methods = Counts_methods,
    .tp_members = Counts_members,
    .tp_getset = Counts_getset,
    .tp_new = Counts_new,
};

static PyMethodDef module_methods[] = {
    {"words", (PyCFunction)module_words, METH_VARARGS,
     "words(mode, text) -> list[str]: the words a channel of word mode `mode` reads in text (for tests)."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef moduledef = {
    PyModuleDef_HEAD_INIT,
    .m_methods = module_methods,
    .m_name = "mtreview._ngram_native",
    .m_doc = "Exact n-gram statistics for BLEU, chrF and chrF++ (mtreview.ngrams holds the numpy reference).",
    .m_size = -1,
};

PyMODINIT_FUNC
PyInit__ngram_native(void)
{
    if (PyType_Ready(&CountsType) < 0)
        return NULL;
    PyObject *m = PyModule_Create(&moduledef);
    if (m == NULL)
        return NULL;
    Py_INCREF(&CountsType);
    if (PyModule_AddObject(m, "Counts", (PyObject *)&CountsType) < 0 ||
        PyModule_AddIntConstant(m, "CHARS", MODE_CHARS) < 0 ||
        PyModule_AddIntConstant(m, "WORDS", MODE_WORDS) < 0 ||
        PyModule_AddIntConstant(m, "CHRF_WORDS", MODE_CHRF_WORDS) < 0 ||
        PyModule_AddIntConstant(m, "BLEU_13A", MODE_BLEU_13A) < 0) {
        Py_DECREF(&CountsType);
        Py_DECREF(m);
        return NULL;
    }
    return m;
}

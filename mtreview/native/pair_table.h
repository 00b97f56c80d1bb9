/*
 * Numbering pairs (prefix, last) exactly: the hash table behind mtreview._ngram_native (ngrams.c).
 * A header of static functions, included once by ngrams.c: one translation unit, so that the lookup
 * inlines into the counting loops.
 */
#ifndef MTREVIEW_PAIR_TABLE_H
#define MTREVIEW_PAIR_TABLE_H

#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#include <string.h>

/* ---- numbering pairs ------------------------------------------------------------------------------
 * Every key here is a pair (prefix, last): a number for everything but the last symbol, and the last
 * symbol. An n-gram is (the number of its first n - 1 symbols as an (n - 1)-gram, its last symbol), and a
 * unigram of global order t is (-1 - t, its symbol): two n-grams get the same number exactly when they are
 * equal, by induction on n, and n-grams of different orders or channels never share a prefix. Words are
 * numbered the same way, over their code points (a trie: prefix -1 for a word's first character). Keys
 * are two integers, so a lookup compares them in the slot itself: no key is stored elsewhere or compared
 * byte by byte, and the hash only decides where to look (its quality affects speed, never the counts). */

#define EMPTY UINT32_MAX   /* a free slot's number */
#define MAX_NUMBER (UINT32_MAX - 1)

typedef struct {
    int64_t prefix;
    uint32_t last;
    uint32_t number;       /* the key's number (order of first appearance), EMPTY when free */
} Slot;

typedef struct {
    Slot *slots;
    size_t mask;           /* number of slots - 1 (a power of two) */
    int shift;             /* 64 - log2(number of slots) */
    Py_ssize_t n;          /* keys numbered so far */
} PairTable;

/* Multiplicative hashing: the slot is taken from the top bits of the product (the well-mixed ones),
 * `shift` = 64 - log2(number of slots). Two multiplications: lookups along a word are a dependent chain,
 * so the hash's latency counts. */
static inline size_t
pair_slot(int64_t prefix, uint32_t last, int shift)
{
    uint64_t h = ((uint64_t)prefix * 0x9E3779B97F4A7C15ULL + last) * 0xC2B2AE3D27D4EB4FULL;
    return (size_t)(h >> shift);
}

static void
table_free(PairTable *t)
{
    PyMem_Free(t->slots);
    t->slots = NULL;
    t->mask = 0;
    t->n = 0;
}

static Slot *
alloc_slots(size_t nslots)
{
    if (nslots > PY_SSIZE_T_MAX / sizeof(Slot)) {
        PyErr_NoMemory();
        return NULL;
    }
    Slot *slots = PyMem_Malloc(nslots * sizeof(Slot));
    if (slots == NULL) {
        PyErr_NoMemory();
        return NULL;
    }
    memset(slots, 0xff, nslots * sizeof(Slot)); /* every number EMPTY (all bits set) */
    return slots;
}

/* An empty table for about `expected` keys (it grows past that). */
static int
table_init(PairTable *t, Py_ssize_t expected)
{
    size_t nslots = 64;
    while (nslots < (size_t)expected * 2 && nslots < ((size_t)1 << 40))
        nslots <<= 1;
    t->n = 0;
    t->mask = nslots - 1;
    t->shift = 64;
    for (size_t k = nslots; k > 1; k >>= 1)
        t->shift--;
    t->slots = alloc_slots(nslots);
    return t->slots == NULL ? -1 : 0;
}

/* Double the slots when half are used, so that probe sequences stay short. */
static int
table_grow(PairTable *t)
{
    size_t nslots = (t->mask + 1) * 2, mask = nslots - 1;
    Slot *slots = alloc_slots(nslots);
    if (slots == NULL)
        return -1;
    for (size_t i = 0; i <= t->mask; i++) {
        Slot *old = &t->slots[i];
        if (old->number == EMPTY)
            continue;
        size_t j = pair_slot(old->prefix, old->last, t->shift - 1);
        while (slots[j].number != EMPTY)
            j = (j + 1) & mask;
        slots[j] = *old;
    }
    PyMem_Free(t->slots);
    t->slots = slots;
    t->mask = mask;
    t->shift -= 1;
    return 0;
}

/* The number of (prefix, last), numbering it if new (then *added is 1). -1 on error (exception set). */
static inline Py_ssize_t
table_number(PairTable *t, int64_t prefix, uint32_t last, int *added)
{
    size_t j = pair_slot(prefix, last, t->shift);
    *added = 0;
    for (;;) {
        Slot *slot = &t->slots[j];
        if (slot->number == EMPTY)
            break;
        if (slot->prefix == prefix && slot->last == last)
            return slot->number;
        j = (j + 1) & t->mask;
    }
    if (t->n > MAX_NUMBER) { /* more than 4 billion distinct keys: refuse rather than wrap around */
        PyErr_SetString(PyExc_OverflowError, "too many distinct n-grams");
        return -1;
    }
    Py_ssize_t number = t->n++;
    t->slots[j].prefix = prefix;
    t->slots[j].last = last;
    t->slots[j].number = (uint32_t)number;
    *added = 1;
    if ((size_t)t->n * 2 > t->mask + 1 && table_grow(t) < 0)
        return -1;
    return number;
}

#endif

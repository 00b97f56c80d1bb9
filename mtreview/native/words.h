/*
 * Reading text into words for mtreview._ngram_native (ngrams.c): the channel modes, sacrebleu's 13a
 * tokenizer, str.split() and chrF++'s punctuation split. A header of static functions, included once by
 * ngrams.c (one translation unit).
 */
#ifndef MTREVIEW_WORDS_H
#define MTREVIEW_WORDS_H

#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#include <string.h>

/* How a channel reads its strings (the module exports these numbers as CHARS, WORDS, ...). */
enum { MODE_CHARS = 0, MODE_WORDS = 1, MODE_CHRF_WORDS = 2, MODE_BLEU_13A = 3 };

/* sacrebleu's CHRF._PUNCTS (string.punctuation): only ASCII. */
static int
is_punct(Py_UCS4 c)
{
    return c < 128 && c > 32 && c != 127 && !(c >= '0' && c <= '9') && !(c >= 'A' && c <= 'Z') &&
           !(c >= 'a' && c <= 'z');
}

/* ---- sacrebleu's 13a tokenizer ------------------------------------------------------------------------
 * Tokenizer13a: str.replace of '<skipped>', '-\n', '\n' and (if there is a '&') four entities, padding with
 * a space on each side, then TokenizerRegexp's four regexes. Each regex matches exactly one or two
 * characters, and re.sub scans left to right: at each position it either matches (writes the replacement,
 * skips the matched characters) or copies one character. The functions below do exactly that, so a
 * character consumed by one match is not looked at by the next, as in sacrebleu. Whitespace is left for
 * the word split (sacrebleu's final ' '.join(line.split()) changes no token). */

typedef struct {
    uint32_t *p;
    Py_ssize_t n, cap;
} Buf;

static int
buf_reserve(Buf *b, Py_ssize_t cap)
{
    if (cap <= b->cap)
        return 0;
    if ((size_t)cap > (size_t)PY_SSIZE_T_MAX / sizeof(uint32_t)) {
        PyErr_NoMemory();
        return -1;
    }
    uint32_t *p = PyMem_Realloc(b->p, (size_t)cap * sizeof(uint32_t));
    if (p == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    b->p = p;
    b->cap = cap;
    return 0;
}

/* str.replace(pat, rep) in place, for ASCII pat and rep no longer than pat (writes never pass reads). */
static void
replace_in_place(Buf *b, const char *pat, const char *rep)
{
    Py_ssize_t plen = (Py_ssize_t)strlen(pat), rlen = (Py_ssize_t)strlen(rep), w = 0, i = 0;
    while (i < b->n) {
        Py_ssize_t k = 0;
        while (k < plen && i + k < b->n && b->p[i + k] == (uint32_t)(unsigned char)pat[k])
            k++;
        if (k == plen) {
            for (Py_ssize_t q = 0; q < rlen; q++)
                b->p[w++] = (uint32_t)(unsigned char)rep[q];
            i += plen;
        }
        else {
            b->p[w++] = b->p[i++];
        }
    }
    b->n = w;
}

static inline int
is_digit(uint32_t c)
{
    return c >= '0' && c <= '9'; /* the regexes' [0-9]: ASCII digits only */
}

static inline int
is_dot_comma(uint32_t c)
{
    return c == '.' || c == ',';
}

/* r'([\{-\~\[-\` -\&\(-\+\:-\@\/])' */
static inline int
is_pad_13a(uint32_t c)
{
    return (c >= '{' && c <= '~') || (c >= '[' && c <= '`') || (c >= ' ' && c <= '&') || (c >= '(' && c <= '+') ||
           (c >= ':' && c <= '@') || c == '/';
}

/* One of the three two-character regexes (`which`: 0, 1, 2 in sacrebleu's order) as re.sub applies it:
 * where the pair at i matches, write it with the replacement's spaces and go on after the pair; else copy
 * one character. */
static int
sub_pairs(const Buf *in, Buf *out, int which)
{
    if (buf_reserve(out, 2 * in->n + 1) < 0) /* each pair of 2 becomes 4 */
        return -1;
    const uint32_t *s = in->p;
    uint32_t *o = out->p;
    Py_ssize_t n = in->n, w = 0, i = 0;
    while (i < n) {
        if (i + 1 < n) {
            uint32_t a = s[i], c = s[i + 1];
            if (which == 0 && !is_digit(a) && is_dot_comma(c)) { /* ([^0-9])([\.,]) -> '\1 \2 ' */
                o[w++] = a, o[w++] = ' ', o[w++] = c, o[w++] = ' ';
                i += 2;
                continue;
            }
            if (which == 1 && is_dot_comma(a) && !is_digit(c)) { /* ([\.,])([^0-9]) -> ' \1 \2' */
                o[w++] = ' ', o[w++] = a, o[w++] = ' ', o[w++] = c;
                i += 2;
                continue;
            }
            if (which == 2 && is_digit(a) && c == '-') { /* ([0-9])(-) -> '\1 \2 ' */
                o[w++] = a, o[w++] = ' ', o[w++] = c, o[w++] = ' ';
                i += 2;
                continue;
            }
        }
        o[w++] = s[i++];
    }
    out->n = w;
    return 0;
}

/* Tokenizer13a on a (whose text it replaces, b is scratch): the result is in a. */
static int
tokenize_13a(Buf *a, Buf *b)
{
    replace_in_place(a, "<skipped>", "");
    replace_in_place(a, "-\n", "");
    replace_in_place(a, "\n", " ");
    for (Py_ssize_t i = 0; i < a->n; i++) {
        if (a->p[i] == '&') {
            replace_in_place(a, "&quot;", "\"");
            replace_in_place(a, "&amp;", "&");
            replace_in_place(a, "&lt;", "<");
            replace_in_place(a, "&gt;", ">");
            break;
        }
    }
    /* f' {line} ', then ' \1 ' around each character of the first regex's class */
    if (buf_reserve(b, 3 * a->n + 2) < 0)
        return -1;
    Py_ssize_t w = 0;
    b->p[w++] = ' ';
    for (Py_ssize_t i = 0; i < a->n; i++) {
        uint32_t c = a->p[i];
        if (is_pad_13a(c)) {
            b->p[w++] = ' ', b->p[w++] = c, b->p[w++] = ' ';
        }
        else {
            b->p[w++] = c;
        }
    }
    b->p[w++] = ' ';
    b->n = w;
    if (sub_pairs(b, a, 0) < 0 || sub_pairs(a, b, 1) < 0 || sub_pairs(b, a, 2) < 0)
        return -1;
    return 0;
}

/* ---- words ------------------------------------------------------------------------------------------------ */

/* The code points of a str into b (str.rstrip()'d if `rstrip`, as BLEU does before tokenising). */
static int
read_text(PyObject *str, Buf *b, int rstrip)
{
    int kind = PyUnicode_KIND(str);
    const void *data = PyUnicode_DATA(str);
    Py_ssize_t n = PyUnicode_GET_LENGTH(str);
    while (rstrip && n > 0 && Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, n - 1)))
        n--;
    if (buf_reserve(b, n + 1) < 0)
        return -1;
    for (Py_ssize_t i = 0; i < n; i++)
        b->p[i] = (uint32_t)PyUnicode_READ(kind, data, i);
    b->n = n;
    return 0;
}

/* Calls emit(start, length, arg) for each word of text: str.split()'s words, split further as sacrebleu's
 * CHRF._remove_punctuation does if `chrf` (a word of 2+ characters ending in ASCII punctuation loses its
 * last character to a word of its own, else one starting with punctuation its first). */
typedef int (*emit_fn)(const uint32_t *word, Py_ssize_t len, void *arg);

static int
split_words(const uint32_t *text, Py_ssize_t n, int chrf, emit_fn emit, void *arg)
{
    Py_ssize_t i = 0;
    while (i < n) {
        while (i < n && Py_UNICODE_ISSPACE(text[i]))
            i++;
        if (i == n)
            break;
        Py_ssize_t w = i;
        while (i < n && !Py_UNICODE_ISSPACE(text[i]))
            i++;
        Py_ssize_t cut = i; /* up to two pieces: [w, cut) and [cut, i) */
        if (chrf && i - w > 1) {
            if (is_punct(text[i - 1]))
                cut = i - 1;
            else if (is_punct(text[w]))
                cut = w + 1;
        }
        if (emit(text + w, cut - w, arg) < 0 || (cut < i && emit(text + cut, i - cut, arg) < 0))
            return -1;
    }
    return 0;
}

/* For tests: the words a channel of this mode reads in one string, as str. */
static int
append_word(const uint32_t *word, Py_ssize_t len, void *arg)
{
    PyObject *w = PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, word, len);
    if (w == NULL)
        return -1;
    int rc = PyList_Append((PyObject *)arg, w);
    Py_DECREF(w);
    return rc;
}

static PyObject *
module_words(PyObject *module, PyObject *args)
{
    int mode;
    PyObject *str;
    if (!PyArg_ParseTuple(args, "iU:words", &mode, &str))
        return NULL;
    if (mode != MODE_WORDS && mode != MODE_CHRF_WORDS && mode != MODE_BLEU_13A) {
        PyErr_Format(PyExc_ValueError, "not a word mode: %d", mode);
        return NULL;
    }
#if PY_VERSION_HEX < 0x030C0000
    if (PyUnicode_READY(str) < 0)
        return NULL;
#endif
    Buf a = {0}, b = {0};
    PyObject *out = PyList_New(0);
    if (out == NULL || read_text(str, &a, mode == MODE_BLEU_13A) < 0 ||
        (mode == MODE_BLEU_13A && tokenize_13a(&a, &b) < 0) ||
        split_words(a.p, a.n, mode == MODE_CHRF_WORDS, append_word, out) < 0)
        Py_CLEAR(out);
    PyMem_Free(a.p);
    PyMem_Free(b.p);
    return out;
}

#endif

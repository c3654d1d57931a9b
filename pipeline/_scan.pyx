# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True, initializedcheck=False
"""The tagger's hot loops in C, each with the same results as its Python twin.

- `Scanner`: the matcher's scan and per-hit rules (matcher.find_hits_python). One pass of a dense
  Aho-Corasick table over the text: each character is one table look-up, read in the words-only
  form without making it (a letter or digit is itself, anything else a word break, so indices are
  those of the text), and only states that end a key reach the context and overlap rules.
- `Substrings`: every occurrence of a few plain phrases (str.find per phrase), alone or in the
  Scanner's pass (`find_hits_and_words`).
- `levels`, `clause_bounds`, `nearest_cue`: requirement levels (requirement.levels and helpers).
- `windows`: the experience windows (experience._windows).

Built from this file by the install (Cython; pyproject.toml `ext-modules`); matcher.compiled() says
whether it is there, and the Python twins run when it is not. tests/pipeline/test_scan.py holds the
two to the same output.
"""

from cpython.mem cimport PyMem_Free, PyMem_Malloc, PyMem_Realloc
from cpython.ref cimport PyObject


cdef extern from "Python.h":
    ctypedef unsigned char Py_UCS1
    enum: PyUnicode_1BYTE_KIND
    int PyUnicode_KIND(object)
    void* PyUnicode_DATA(object)
    Py_UCS4 PyUnicode_READ(int kind, void* data, Py_ssize_t index)

cdef enum:
    ASCII = 128


def _automaton(list keys, Py_ssize_t classes):
    """Aho-Corasick over `keys`, each (its characters' classes, a tuple of payloads): the table the
    scan loops read (_row_table), and for each state the payloads of every key it ends, longest
    key first (as pyahocorasick yields them). The trie, then failure links breadth first, folded
    into one transition per (state, class)."""
    goto, own = [{}], [()]
    for steps, payload in keys:
        state = 0
        for step in steps:
            following = goto[state].get(step)
            if following is None:
                following = len(goto)
                goto[state][step] = following
                goto.append({})
                own.append(())
            state = following
        own[state] = own[state] + payload
    delta, fail, outputs = [0] * (len(goto) * classes), [0] * len(goto), [()] * len(goto)
    queue = [following for _, following in sorted(goto[0].items())]
    for step, following in goto[0].items():
        delta[step] = following
    head = 0
    while head < len(queue):
        state = queue[head]
        head += 1
        outputs[state] = own[state] + outputs[fail[state]]
        for step in range(classes):
            following = goto[state].get(step)
            if following is None:
                delta[state * classes + step] = delta[fail[state] * classes + step]
            else:
                fail[following] = delta[fail[state] * classes + step]
                delta[state * classes + step] = following
                queue.append(following)
    return _row_table(delta, classes, outputs), outputs


cdef object _row_table(list delta, Py_ssize_t classes, list outputs):
    """The transition table as the scan loops read it: for (state, class) at state * classes + class,
    the next state's own row offset times two, plus one when that state ends a word. The loop then
    needs no multiplication and no second look-up per character."""
    import array
    return array.array("I", [(following * classes) << 1 | (1 if outputs[following] else 0) for following in delta])


cdef class Substrings


cdef struct Later:
    # states that end a key (rows; a word of Substrings as -1 - row) at text indices, taken later
    Py_ssize_t* rows
    Py_ssize_t* indices
    Py_ssize_t size
    Py_ssize_t capacity


cdef int _hold(Later* later, Py_ssize_t row, Py_ssize_t index) except -1:
    cdef Py_ssize_t* grown
    if later.size == later.capacity:
        later.capacity = max(64, later.capacity * 2)
        grown = <Py_ssize_t*>PyMem_Realloc(later.rows, 2 * later.capacity * sizeof(Py_ssize_t))
        if grown == NULL:
            raise MemoryError()
        if later.size:  # the indices sat after the rows: move them to the new half
            memmove(grown + later.capacity, grown + later.capacity // 2, later.size * sizeof(Py_ssize_t))
        later.rows, later.indices = grown, grown + later.capacity
    later.rows[later.size] = row
    later.indices[later.size] = index
    later.size += 1
    return 0


cdef struct Key:
    # one key a state ends, as the per-hit rules read it
    Py_ssize_t length  # of the padded key
    Py_ssize_t dimension  # index into Scanner._dimensions
    bint cased
    bint near
    bint several_words
    PyObject* term  # borrowed: Scanner._outputs holds the references
    PyObject* rules
    PyObject* latin_words  # (veto words, need words) as Latin-1 bytes, or None (borrowed: Scanner._latin_words holds them)


cdef enum:
    LATIN = 256
    MAX_DIMENSIONS = 32
    PAIR_BYTES = 128 * 128 // 8  # one bit for each pair of ASCII characters


cdef struct Ends:
    # per dimension: how many hits its list holds, and where its last two hits sit
    Py_ssize_t count[MAX_DIMENSIONS]
    Py_ssize_t last_start[MAX_DIMENSIONS]
    Py_ssize_t last_end[MAX_DIMENSIONS]
    Py_ssize_t before_last_start[MAX_DIMENSIONS]


cdef extern from "stdlib.h":
    void qsort(void* items, size_t count, size_t size, int (*order)(const void*, const void*) noexcept nogil) nogil


cdef extern from "string.h":
    int memcmp(const void* first, const void* second, size_t size) nogil
    void* memmove(void* target, const void* source, size_t size) nogil
    void* memchr(const void* haystack, int byte, size_t size) nogil
    void* memset(void* target, int byte, size_t size) nogil
    void* memmem(const void* haystack, size_t haystack_size, const void* needle, size_t needle_size) nogil


cdef extern from *:
    """
    /* A tuple subclass instance (the matcher's Hit) made as tuple.__new__(type, (...)) makes it,
       without building the argument tuple first. */
    static PyObject* pipeline_scan_new_hit(PyObject* type, PyObject* term, Py_ssize_t start, Py_ssize_t end,
                                           PyObject* span) {
        PyObject *hit, *first, *last;
        first = PyLong_FromSsize_t(start);
        if (first == NULL) return NULL;
        last = PyLong_FromSsize_t(end);
        if (last == NULL) { Py_DECREF(first); return NULL; }
        hit = ((PyTypeObject*)type)->tp_alloc((PyTypeObject*)type, 4);
        if (hit == NULL) { Py_DECREF(first); Py_DECREF(last); return NULL; }
        Py_INCREF(term);
        Py_INCREF(span);
        PyTuple_SET_ITEM(hit, 0, term);
        PyTuple_SET_ITEM(hit, 1, first);
        PyTuple_SET_ITEM(hit, 2, last);
        PyTuple_SET_ITEM(hit, 3, span);
        return hit;
    }
    """
    object _make_hit "pipeline_scan_new_hit"(object hit_type, object term, Py_ssize_t start, Py_ssize_t end, object span)


cdef class Scanner:
    """A dense Aho-Corasick table over space-padded keys, with each key's entries."""

    cdef Py_ssize_t _reach  # matcher.CONTEXT_CHARS
    cdef unsigned int[::1] _table  # see _row_table
    cdef list _outputs  # per state: the entries of every key it ends, longest key first (keeps Key's objects alive)
    cdef Key* _keys  # the same entries flattened: those of state s are _keys[_first_key[s]:_first_key[s + 1]]
    cdef Py_ssize_t* _first_key
    cdef tuple _dimensions  # dimension names, in the order their indices give
    cdef Py_ssize_t _classes
    cdef Py_ssize_t _longest  # the longest key: the state at any point depends on no more characters than that
    cdef unsigned int _latin_class[LATIN]  # class of each character below 256
    cdef dict _other_class  # non-ASCII character -> class: key letters, and spaced symbols as 0
    cdef unsigned int _unknown  # class of every other character: in no key
    cdef object _hit  # the matcher's Hit type: a tuple (term, start, end, span)
    cdef dict _latin_words  # (veto, needs) -> the same as Latin-1 bytes, or None when a word is not Latin-1

    def __init__(self, dict entries, str spaced_symbols, hit_type, Py_ssize_t context_chars):
        """`entries` maps each padded key (" cma ") to its tuple of matcher `_Entry`s."""
        self._hit = hit_type
        self._reach = context_chars
        letters = sorted({char for key in entries for char in key if char != " "})
        self._other_class = {}
        self._unknown = len(letters) + 1
        self._classes = len(letters) + 2
        cdef int code
        for code in range(ASCII):  # as matcher.words_only: a letter or digit is itself, the rest a space
            self._latin_class[code] = self._unknown if chr(code).isalnum() else 0
        for index, char in enumerate(letters, start=1):
            if ord(char) >= ASCII:
                self._other_class[char] = index
            else:
                self._latin_class[ord(char)] = index
        for char in spaced_symbols:
            self._other_class[char] = 0
        for code in range(ASCII, LATIN):
            self._latin_class[code] = self._other_class.get(chr(code), self._unknown)
        self._build(entries)

    def __dealloc__(self):
        PyMem_Free(self._keys)
        PyMem_Free(self._first_key)

    cdef unsigned int _class_of(self, Py_UCS4 char):
        if char < LATIN:
            return self._latin_class[char]
        found = self._other_class.get(chr(char))
        return self._unknown if found is None else found

    def _build(self, dict entries):
        dimensions = list(dict.fromkeys(entry.dimension for key_entries in entries.values() for entry in key_entries))
        if len(dimensions) > MAX_DIMENSIONS:
            raise ValueError(f"at most {MAX_DIMENSIONS} dimensions")
        self._dimensions = tuple(dimensions)
        keys = [([self._class_of(ord(char)) for char in key], tuple(key_entries)) for key, key_entries in entries.items()]
        self._longest = max([len(key) for key in entries] + [1])
        self._table, self._outputs = _automaton(keys, self._classes)
        cdef Py_ssize_t states = len(self._outputs), count = sum(len(ends) for ends in self._outputs), state, at = 0
        self._keys = <Key*>PyMem_Malloc(max(count, 1) * sizeof(Key))
        self._first_key = <Py_ssize_t*>PyMem_Malloc((states + 1) * sizeof(Py_ssize_t))
        if self._keys == NULL or self._first_key == NULL:
            raise MemoryError()
        for state in range(states):
            self._first_key[state] = at
            for entry in self._outputs[state]:
                rules = entry.rules
                self._keys[at].length = entry.length
                self._keys[at].dimension = dimensions.index(entry.dimension)
                self._keys[at].cased = rules is not None and rules.cased
                self._keys[at].near = rules is not None and rules.near
                self._keys[at].several_words = entry.several_words
                self._keys[at].term = <PyObject*>entry.term
                self._keys[at].rules = <PyObject*>rules
                at += 1
        self._first_key[states] = at
        self._latin_words = {}
        for at in range(count):
            rules = <object>self._keys[at].rules
            words = ((), ()) if rules is None else (rules.veto, rules.needs)
            if words not in self._latin_words:
                try:
                    self._latin_words[words] = tuple(tuple(word.encode("latin-1") for word in group) for group in words)
                except UnicodeEncodeError:
                    self._latin_words[words] = None
            self._keys[at].latin_words = <PyObject*>self._latin_words[words]

    def find_hits(self, str text, str lowered):
        """Accepted hits by dimension, each list in text order: what matcher.find_hits returns."""
        return self._run(text, lowered, None, 0, None)

    def find_hits_and_words(self, str text, str lowered, Substrings words, Py_ssize_t limit):
        """(find_hits, words.find(lowered, limit)) from one pass over the text."""
        cdef list starts = [[] for _ in words._words]
        return self._run(text, lowered, words, limit, starts), dict(zip(words._words, starts))

    cdef dict _run(self, str text, str lowered, Substrings words, Py_ssize_t limit, list starts):
        if len(text) != len(lowered):  # the rules read both at the same indices, unchecked
            raise ValueError("lowered must be text lower-cased to the same length (matcher.lower_same_length)")
        cdef Py_ssize_t size = len(lowered), index, words_row = 0
        cdef int kind = PyUnicode_KIND(lowered)
        cdef void* data = PyUnicode_DATA(lowered)
        cdef const Py_UCS1* latin = <const Py_UCS1*>data
        cdef const unsigned int* table = &self._table[0]
        cdef const unsigned int* classes = self._latin_class
        cdef const unsigned int* words_table = NULL
        cdef const unsigned int* words_classes = NULL
        cdef unsigned int entry = table[0], words_entry  # after the leading pad space (class 0)
        cdef Py_ssize_t row = entry >> 1
        cdef Py_UCS4 char
        cdef Ends ends
        cdef list lists = [None] * len(self._dimensions), order = []  # per dimension its hits; first-hit order
        cdef set unordered = None
        if words is not None:
            words_table = &words._table[0]
            words_classes = words._latin
        cdef Py_ssize_t middle = size // 2, second, index_two, row_two = 0, words_row_two = 0, held
        cdef unsigned int entry_two, words_entry_two
        cdef Later later
        later.size = later.capacity = 0
        later.rows = later.indices = NULL
        second = middle - max(self._longest, words._longest if words is not None else 0)
        if kind == PyUnicode_1BYTE_KIND and second > 0:  # most postings: one byte per character, read directly
            # Two lanes: the first half of the text, and the second half from a little before its start
            # (an automaton's state depends only on the last characters, as many as its longest key).
            # Their chains of table look-ups do not wait on each other, so the processor runs them
            # side by side. The second lane's hits are held, then taken after the first's: in text order.
            try:
                for index in range(middle):
                    char = latin[index]
                    index_two = second + index
                    if words_table != NULL:
                        words_entry = words_table[words_row + words_classes[char]]
                        words_row = words_entry >> 1
                        if words_entry & 1:
                            words._emit(words_row, index, starts, limit)
                        words_entry_two = words_table[words_row_two + words_classes[latin[index_two]]]
                        words_row_two = words_entry_two >> 1
                        if words_entry_two & 1 and index_two >= middle:
                            _hold(&later, -1 - words_row_two, index_two)
                    entry = table[row + classes[char]]
                    row = entry >> 1
                    if entry & 1:
                        unordered = self._take(row, index + 1, text, lowered, lists, order, &ends, unordered)
                    entry_two = table[row_two + classes[latin[index_two]]]
                    row_two = entry_two >> 1
                    if entry_two & 1 and index_two >= middle:
                        _hold(&later, row_two, index_two)
                for index in range(second + middle, size):  # the second lane's rest, alone
                    if words_table != NULL:
                        words_entry_two = words_table[words_row_two + words_classes[latin[index]]]
                        words_row_two = words_entry_two >> 1
                        if words_entry_two & 1:
                            _hold(&later, -1 - words_row_two, index)
                    entry_two = table[row_two + classes[latin[index]]]
                    row_two = entry_two >> 1
                    if entry_two & 1:
                        _hold(&later, row_two, index)
                row = row_two  # for the trailing pad space
                for held in range(later.size):
                    if later.rows[held] < 0:
                        words._emit(-1 - later.rows[held], later.indices[held], starts, limit)
                    else:
                        unordered = self._take(later.rows[held], later.indices[held] + 1, text, lowered, lists, order,
                                               &ends, unordered)
            finally:
                PyMem_Free(later.rows)
        else:  # wider characters, or a text too short for two lanes (a title)
            for index in range(size):
                char = PyUnicode_READ(kind, data, index)
                if words_table != NULL:
                    words_row = words._advance(words_row, char, index, starts, limit)
                entry = table[row + (classes[char] if char < LATIN else self._class_of(char))]
                row = entry >> 1
                if entry & 1:
                    unordered = self._take(row, index + 1, text, lowered, lists, order, &ends, unordered)
        entry = table[row]  # the trailing pad space (class 0)
        row = entry >> 1
        if entry & 1:
            unordered = self._take(row, size + 1, text, lowered, lists, order, &ends, unordered)
        cdef dict hits = {}
        cdef Py_ssize_t dimension
        for dimension in order:
            hits[self._dimensions[dimension]] = lists[dimension]
        if unordered is not None:
            for dimension in unordered:
                (<list>lists[dimension]).sort(key=_start)
        return hits

    cdef set _take(self, Py_ssize_t row, Py_ssize_t last, str text, str lowered, list lists, list order, Ends* ends,
                   set unordered):
        """Apply the rules to the keys that end at padded index `last` (the state at `row` ends them);
        returns the set of dimensions whose list is out of order (`unordered`, made when first needed)."""
        cdef Py_ssize_t state = row // self._classes, at, end, start, dimension, count
        cdef Key* key
        cdef list same
        cdef object hit
        for at in range(self._first_key[state], self._first_key[state + 1]):
            key = &self._keys[at]
            start, end = last - key.length + 1, last - 1
            if key.cased and _all_lower(text, lowered, start, end):
                continue  # all lower case: "cma" in an e-mail address, "epic" the adjective
            if key.near and not _context_allows(<object>key.rules, <object>key.latin_words, lowered, start, end,
                                                self._reach):
                continue
            dimension = key.dimension
            if lists[dimension] is None:
                same = []
                lists[dimension] = same
                order.append(dimension)
                ends.count[dimension] = 0
            else:
                same = <list>lists[dimension]
                count = ends.count[dimension]
                if start <= ends.last_start[dimension]:  # it contains the previous hit: it replaces it
                    if count > 1 and start < ends.before_last_start[dimension]:
                        if unordered is None:
                            unordered = set()
                        unordered.add(dimension)
                    same[count - 1] = self._new_hit(key, start, &end, text)
                    ends.last_start[dimension], ends.last_end[dimension] = start, end
                    continue
                if start < ends.last_end[dimension]:
                    continue  # it only overlaps the previous hit: the leftmost stays
                ends.before_last_start[dimension] = ends.last_start[dimension]
            same.append(self._new_hit(key, start, &end, text))
            ends.count[dimension] += 1
            ends.last_start[dimension], ends.last_end[dimension] = start, end
        return unordered

    cdef object _new_hit(self, Key* key, Py_ssize_t start, Py_ssize_t* end, str text):
        """The Hit for [start, end[0]); a closing bracket right after is taken in ("CMA (AAMA)"), and end[0] moved."""
        cdef str span = text[start:end[0]]
        if key.several_words and end[0] < len(text) and text[end[0]] == ")" and "(" in span and ")" not in span:
            end[0] += 1
            return _make_hit(self._hit, <object>key.term, start, end[0], span + ")")
        return _make_hit(self._hit, <object>key.term, start, end[0], span)


cdef bint _all_lower(str text, str lowered, Py_ssize_t start, Py_ssize_t end):
    """True when text[start:end] == lowered[start:end]."""
    cdef int text_kind = PyUnicode_KIND(text), lowered_kind = PyUnicode_KIND(lowered)
    cdef void* text_data = PyUnicode_DATA(text)
    cdef void* lowered_data = PyUnicode_DATA(lowered)
    cdef Py_ssize_t index
    for index in range(start, end):
        if PyUnicode_READ(text_kind, text_data, index) != PyUnicode_READ(lowered_kind, lowered_data, index):
            return False
    return True


def _start(hit):
    return hit[1]


cdef bint _context_allows(rules, latin_words, str lowered, Py_ssize_t start, Py_ssize_t end, Py_ssize_t reach):
    """matcher._context_allows: True when the hit's `needs` and `veto` words allow it. `latin_words`:
    (veto, needs) as Latin-1 bytes (None when a word is not), looked for in a one-byte text directly."""
    if latin_words is not None and PyUnicode_KIND(lowered) == PyUnicode_1BYTE_KIND:
        return _latin_context_allows(rules, latin_words[0], latin_words[1], <const unsigned char*>PyUnicode_DATA(lowered),
                                     len(lowered), start, end, reach)
    cdef tuple veto = rules.veto, needs = rules.needs
    cdef str near, window, name
    if veto:
        # The window lies inside `reach` characters either side: no veto word there, none in the window.
        near = lowered[max(0, start - reach):end + reach]
        for word in veto:
            if word in near:
                if rules.any_veto.search(_context_window(lowered, start, end, reach)):
                    return False
                break
    if rules.any_need is None:
        return True
    window = _context_window(lowered, start, end, reach)
    name = lowered[start:end]
    if not window.replace(name, "").strip(" .,;:!?()-\t"):
        return True  # the name alone on its line or in its sentence
    if not rules.any_need.search(window):
        return False
    for word in needs:  # a need word counts only outside the name itself
        if word in window and window.count(word) > (word in name):
            return True
    return False


cdef bint _latin_context_allows(rules, tuple veto, tuple needs, const unsigned char* data, Py_ssize_t size,
                                Py_ssize_t start, Py_ssize_t end, Py_ssize_t reach):
    """_context_allows over a one-byte text, without making a string: the same steps on the bytes."""
    cdef Py_ssize_t window_start = -1, window_end = -1, index, name_size = end - start
    cdef bytes word
    if veto:
        for word in veto:
            if _found_in(data, max(0, start - reach), min(size, end + reach), word):
                _window_bounds(data, size, start, end, reach, &window_start, &window_end)
                for word in veto:
                    if _found_in(data, window_start, window_end, word):
                        return False
                break
    if not needs:
        return True
    if window_start < 0:
        _window_bounds(data, size, start, end, reach, &window_start, &window_end)
    index = window_start
    while index < window_end:  # the window less every copy of the name: only punctuation and spaces?
        if name_size > 0 and window_end - index >= name_size and memcmp(data + index, data + start, name_size) == 0:
            index += name_size
        elif _punctuation_or_space(data[index]):
            index += 1
        else:
            break
    if index >= window_end:
        return True  # the name alone on its line or in its sentence
    for word in needs:  # a need word counts only outside the name itself
        if _count_in(data, window_start, window_end, word) > _found_in(data, start, end, word):
            return True
    return False


cdef inline bint _punctuation_or_space(unsigned char char):
    """One of " .,;:!?()-\\t", what matcher._context_allows strips around a lone name."""
    return (char == 32 or char == 46 or char == 44 or char == 59 or char == 58 or char == 33 or char == 63 or char == 40
            or char == 41 or char == 45 or char == 9)


cdef bint _found_in(const unsigned char* data, Py_ssize_t low, Py_ssize_t high, bytes word):
    """`word in text[low:high]` (an empty word is in every text)."""
    cdef Py_ssize_t size = len(word)
    if size == 0:
        return True
    return high - low >= size and memmem(data + low, high - low, <const char*>word, size) != NULL


cdef Py_ssize_t _count_in(const unsigned char* data, Py_ssize_t low, Py_ssize_t high, bytes word):
    """`text[low:high].count(word)` for a non-empty word: occurrences that do not overlap."""
    cdef Py_ssize_t size = len(word), count = 0, at = low
    cdef const unsigned char* found
    if size == 0:
        return high - low + 1 if high >= low else 0
    while high - at >= size:
        found = <const unsigned char*>memmem(data + at, high - at, <const char*>word, size)
        if found == NULL:
            break
        count += 1
        at = (found - data) + size
    return count


cdef void _window_bounds(const unsigned char* data, Py_ssize_t size, Py_ssize_t start, Py_ssize_t end,
                         Py_ssize_t reach, Py_ssize_t* window_start, Py_ssize_t* window_end):
    """matcher.context_window's bounds: the hit's sentence (cut at line ends and ". ", "! ", "? "),
    at most `reach` characters either side."""
    cdef Py_ssize_t low = max(0, start - reach), high = min(size, end + reach), index
    cdef unsigned char char
    window_start[0] = low
    for index in range(start - 1, low - 1, -1):  # the last line end or ". " wholly before the hit
        char = data[index]
        if char == 10 or ((char == 46 or char == 33 or char == 63) and index + 1 < start and data[index + 1] == 32):
            window_start[0] = index + 1
            break
    window_end[0] = high
    for index in range(end, high):
        char = data[index]
        if char == 10 or ((char == 46 or char == 33 or char == 63) and index + 1 < high and data[index + 1] == 32):
            window_end[0] = index
            break


cdef str _context_window(str lowered, Py_ssize_t start, Py_ssize_t end, Py_ssize_t reach):
    """matcher.context_window."""
    cdef Py_ssize_t low = max(0, start - reach), high = min(len(lowered), end + reach)
    cdef Py_ssize_t left, right, index
    cdef str before = lowered[low:start]
    left = max(before.rfind("\n"), before.rfind(". "), before.rfind("! "), before.rfind("? "))
    cdef Py_ssize_t window_start = low + left + 1 if left >= 0 else low
    right = high
    cdef int kind = PyUnicode_KIND(lowered)
    cdef void* data = PyUnicode_DATA(lowered)
    cdef Py_UCS4 char
    for index in range(end, high):  # the first line end or ". ", "! ", "? " (as matcher._SENTENCE_END)
        char = PyUnicode_READ(kind, data, index)
        if char == 10 or ((char == 46 or char == 33 or char == 63) and index + 1 < high
                          and PyUnicode_READ(kind, data, index + 1) == 32):
            right = index
            break
    return lowered[window_start:right]


cdef class Substrings:
    """Every occurrence (overlapping ones too) of a few plain words, in one pass over a text.

    What a loop of str.find calls per word returns, without reading the text once per word.
    """

    cdef tuple _words
    cdef dict _class  # character -> class; 0 for characters in no word
    cdef unsigned int _latin[LATIN]  # the same for characters below 256, looked up in C
    cdef unsigned int[::1] _table  # see _row_table
    cdef list _found  # per state: indices into _words of the words it ends
    cdef Py_ssize_t _classes
    cdef Py_ssize_t _longest  # the longest word

    def __init__(self, words):
        self._words = tuple(words)
        chars = sorted({char for word in self._words for char in word})
        self._class = {char: index for index, char in enumerate(chars, start=1)}
        self._classes = len(chars) + 1
        self._longest = max([len(word) for word in self._words] + [1])
        cdef int code
        for code in range(LATIN):
            self._latin[code] = self._class.get(chr(code), 0)
        keys = [([self._class[char] for char in word], (number,)) for number, word in enumerate(self._words)]
        self._table, self._found = _automaton(keys, self._classes)

    def find(self, str text, Py_ssize_t limit=50):
        """{word: the start of each of its first `limit` occurrences, in order} for every word."""
        cdef Py_ssize_t size = len(text), index, row = 0
        cdef int kind = PyUnicode_KIND(text)
        cdef void* data = PyUnicode_DATA(text)
        cdef list starts = [[] for _ in self._words]
        for index in range(size):
            row = self._advance(row, PyUnicode_READ(kind, data, index), index, starts, limit)
        return dict(zip(self._words, starts))

    cdef inline Py_ssize_t _advance(self, Py_ssize_t row, Py_UCS4 char, Py_ssize_t index, list starts, Py_ssize_t limit):
        """The row after `char` at `index`; the words it ends are added to `starts`."""
        cdef unsigned int step = self._latin[char] if char < LATIN else self._class.get(chr(char), 0)
        cdef unsigned int entry = self._table[row + step]
        row = entry >> 1
        if entry & 1:
            self._emit(row, index, starts, limit)
        return row

    cdef int _emit(self, Py_ssize_t row, Py_ssize_t index, list starts, Py_ssize_t limit) except -1:
        """Note the words the state at `row` ends, at `index` (their last character)."""
        cdef Py_ssize_t number
        cdef list these
        for number in self._found[row // self._classes]:
            these = starts[number]
            if len(these) < limit:
                these.append(index - len(self._words[number]) + 1)
        return 0


cdef extern from "Python.h":
    bint Py_UNICODE_ISSPACE(Py_UCS4 char)


cdef inline bint _ends_clause(int kind, void* data, Py_ssize_t size, Py_ssize_t index):
    """requirement._CLAUSE_END at `index`: one of ; ! ? • or a full stop before white space or the end."""
    cdef Py_UCS4 char = PyUnicode_READ(kind, data, index)
    if char == 59 or char == 33 or char == 63 or char == 0x2022:
        return True
    return char == 46 and (index + 1 == size or Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, index + 1)))


def clause_bounds(str line, Py_ssize_t start, Py_ssize_t end):
    """requirement._clause_bounds: (start, end) of the clause of `line` that holds [start, end)."""
    cdef Py_ssize_t clause_start, clause_end
    _clause_in(PyUnicode_KIND(line), PyUnicode_DATA(line), 0, len(line), start, end, &clause_start, &clause_end)
    return clause_start, clause_end


cdef void _clause_in(int kind, void* data, Py_ssize_t line_start, Py_ssize_t line_end, Py_ssize_t start, Py_ssize_t end,
                     Py_ssize_t* clause_start, Py_ssize_t* clause_end):
    """The bounds of the clause that holds [start, end) in the line [line_start, line_end) of a text."""
    cdef Py_ssize_t index
    clause_start[0], clause_end[0] = line_start, line_end
    for index in range(min(start, line_end) - 1, line_start - 1, -1):  # the last clause end wholly before the span
        if _ends_clause(kind, data, line_end, index):
            clause_start[0] = index + 1
            break
    for index in range(max(end, line_start), line_end):  # the first one at or after its end
        if _ends_clause(kind, data, line_end, index):
            clause_end[0] = index
            break


def nearest_cue(pattern, str clause, Py_ssize_t start, Py_ssize_t end, Leads leads=None):
    """requirement._nearest_cue: the named group of the cue match nearest [start, end), a cue after
    the span winning a tie; matches that overlap the span do not count. With `leads` (those of
    `pattern`, the word-start form, patterns.LoweredPattern.leads) an ASCII clause is matched only
    at the word starts where a lead fits, the same matches as finditer finds."""
    matches = list(pattern.finditer(clause)) if leads is None or not clause.isascii() else leads.matches(pattern, clause)
    return _nearest_of(matches, start, end)


cdef inline bint _ascii_word(unsigned char char):
    """A word character (re's \\w) among ASCII ones."""
    return (char >= 97 and char <= 122) or (char >= 65 and char <= 90) or (char >= 48 and char <= 57) or char == 95


cdef inline bint _ascii_space(unsigned char char):
    """White space as re's \\s (and str.isspace) reads it, among ASCII characters."""
    return char == 32 or (char >= 9 and char <= 13) or (char >= 28 and char <= 31)


cdef Py_ssize_t _gapped_end(const unsigned char* data, Py_ssize_t size, Py_ssize_t at, const unsigned char* lead,
                            Py_ssize_t length):
    """Where a lead with gaps ends when it fits at `at`, else -1. A NUL in the lead takes a run of
    one or more white-space characters, all of it (patterns.GAP: no gap is followed by white space)."""
    cdef Py_ssize_t index = 0, here = at
    while index < length:
        if lead[index] == 0:
            if here >= size or not _ascii_space(data[here]):
                return -1
            while here < size and _ascii_space(data[here]):
                here += 1
        elif here >= size or data[here] != lead[index]:
            return -1
        else:
            here += 1
        index += 1
    return here


cdef class Leads:
    """What every match of a word-start pattern begins with (patterns.LoweredPattern.leads), by first character."""

    # The leads that begin with character c are numbers _first[c] to _first[c + 1] - 1; lead i is
    # _chars[_start[i]:_start[i] + _length[i]], and _then_not_word[i] says a non-word character must follow.
    cdef bytes _chars
    cdef Py_ssize_t _first[ASCII + 1]
    cdef Py_ssize_t* _start
    cdef Py_ssize_t* _length
    cdef bint* _then_not_word
    cdef bint* _gapped  # lead i holds a NUL: a run of one or more white-space characters (patterns.GAP)
    cdef unsigned char _pairs[PAIR_BYTES]  # bit (a, b): some lead may begin with a, then b
    cdef bint _word_starts  # the pattern matches only where a word starts

    def __init__(self, leads, bint word_starts=True):
        self._word_starts = word_starts
        kept = []
        for text, then_not_word in leads:
            if not text:
                raise ValueError("an empty lead fits everywhere: pass no leads instead")
            if text.isascii():  # another lead cannot begin a match in ASCII text
                kept.append((text.encode("ascii"), bool(then_not_word)))
        kept.sort(key=lambda lead: lead[0][0])
        cdef Py_ssize_t count = len(kept), index, at = 0, code
        self._start = <Py_ssize_t*>PyMem_Malloc(max(count, 1) * sizeof(Py_ssize_t))
        self._length = <Py_ssize_t*>PyMem_Malloc(max(count, 1) * sizeof(Py_ssize_t))
        self._then_not_word = <bint*>PyMem_Malloc(max(count, 1) * sizeof(bint))
        self._gapped = <bint*>PyMem_Malloc(max(count, 1) * sizeof(bint))
        if self._start == NULL or self._length == NULL or self._then_not_word == NULL or self._gapped == NULL:
            raise MemoryError()
        for index in range(count):
            self._start[index], self._length[index], self._then_not_word[index] = at, len(kept[index][0]), kept[index][1]
            self._gapped[index] = b"\x00" in kept[index][0]
            at += len(kept[index][0])
        self._chars = b"".join(text for text, _ in kept)
        cdef int second
        memset(self._pairs, 0, sizeof(self._pairs))
        for text, _ in kept:
            for second in range(ASCII):  # what may follow a lead's first character
                if len(text) == 1 or text[1] == second or text[1] == 0 and _ascii_space(second):
                    self._pairs[(text[0] * ASCII + second) >> 3] |= 1 << ((text[0] * ASCII + second) & 7)
        index = 0
        for code in range(ASCII + 1):
            while index < count and kept[index][0][0] < code:
                index += 1
            self._first[code] = index

    def __dealloc__(self):
        PyMem_Free(self._start)
        PyMem_Free(self._length)
        PyMem_Free(self._then_not_word)
        PyMem_Free(self._gapped)

    cdef bint _fits(self, const unsigned char* data, Py_ssize_t size, Py_ssize_t at):
        cdef const unsigned char* chars = <const unsigned char*>self._chars
        cdef Py_ssize_t lead, length, end
        for lead in range(self._first[data[at]], self._first[data[at] + 1]):
            length = self._length[lead]
            if self._gapped[lead]:
                end = _gapped_end(data, size, at, chars + self._start[lead], length)
            elif at + length <= size and memcmp(data + at, chars + self._start[lead], length) == 0:
                end = at + length
            else:
                end = -1
            if end >= 0 and (not self._then_not_word[lead] or end == size or not _ascii_word(data[end])):
                return True
        return False

    cdef Py_ssize_t _longest_fit(self, const unsigned char* data, Py_ssize_t size, Py_ssize_t at):
        """The length of the longest lead that fits at `at` (whatever follows it), or -1."""
        if at >= size or data[at] >= ASCII:
            return -1
        cdef const char* chars = <const char*>self._chars
        cdef Py_ssize_t lead, length, longest = -1
        for lead in range(self._first[data[at]], self._first[data[at] + 1]):
            length = self._length[lead]
            if length > longest and at + length <= size and memcmp(data + at, chars + self._start[lead], length) == 0:
                longest = length
        return longest

    def matches(self, pattern, str text, Py_ssize_t pos=0, endpos=None, Py_ssize_t limit=-1):
        """list(pattern.finditer(text, pos, endpos)) for an ASCII `text` (the first `limit` of them),
        the pattern tried only where a lead fits (and a word starts, for a word-start pattern)."""
        if not text.isascii():
            raise ValueError("Leads.matches reads ASCII text only")
        return self._matches(pattern, text, max(pos, 0), len(text) if endpos is None else min(<Py_ssize_t>endpos, len(text)),
                             limit)

    def first(self, pattern, str text, Py_ssize_t pos, Py_ssize_t endpos):
        """The first of matches(pattern, text, pos, endpos), or None."""
        if not text.isascii():
            raise ValueError("Leads.first reads ASCII text only")
        found = self._matches(pattern, text, max(pos, 0), min(endpos, len(text)), 1)
        return found[0] if found else None

    cdef list _matches(self, pattern, str text, Py_ssize_t at, Py_ssize_t size, Py_ssize_t limit):
        """matches() for an ASCII `text`, from `at` to `size`."""
        cdef const unsigned char* data = <const unsigned char*>PyUnicode_DATA(text)
        cdef Py_ssize_t match_end
        cdef list found = []
        cdef Py_ssize_t pair
        while at < size and limit != 0:
            if at + 1 < size:  # the first two characters, looked up in one table: most places end here
                pair = data[at] * ASCII + data[at + 1]
                if not self._pairs[pair >> 3] & (1 << (pair & 7)):
                    at += 1
                    continue
            if (not self._word_starts or _ascii_word(data[at]) and (at == 0 or not _ascii_word(data[at - 1]))) and (
                    self._fits(data, size, at)):
                match = pattern.match(text, at, size)
                if match is not None:
                    found.append(match)
                    limit -= 1
                    match_end = match.end()
                    at = match_end if match_end > at else at + 1
                    continue
            at += 1
        return found


cdef inline bint _heading_prefix(unsigned char char):
    """One of the characters a heading line may start with (requirement.py heading_line: [ \\t\\-*#•>|])."""
    return char == 32 or char == 9 or char == 45 or char == 42 or char == 35 or char == 62 or char == 124


cdef inline bint _heading_trail(unsigned char char):
    """One of the characters a heading line may end with ([ \\t*])."""
    return char == 32 or char == 9 or char == 42


cdef class HeadingLines:
    """requirement.Layout._heading_like_lines for ASCII text: the lines its heading_line pattern
    matches, decided line by line. The pattern: bullet characters, then a heading phrase and at
    most 60 characters with no colon, or 1 to 70 characters and a colon; then only spaces, tabs
    or asterisks to the line end. Since the bullets may also be read as the first of the 70, a
    colon line is one whose last character before trailing [ \\t*] is a colon at most 70 past
    the bullets; since a longer phrase leaves less after it, the longest phrase decides."""

    cdef Leads _phrases

    def __init__(self, phrases):
        for phrase in phrases:
            if not phrase or not phrase.isascii() or _heading_prefix(ord(phrase[0])):
                raise ValueError(f"a heading phrase must be ASCII and start with no bullet character: {phrase!r}")
        self._phrases = Leads([(phrase, False) for phrase in phrases], False)

    def find(self, str lowered, Py_ssize_t start, Py_ssize_t end):
        """[(line start, line)] of the heading-like lines that start at or after `start` (a line
        start) in lowered[:end] (`end` cuts the text, as a pattern's endpos does)."""
        if not lowered.isascii():
            raise ValueError("HeadingLines.find reads ASCII text only")
        cdef const unsigned char* data = <const unsigned char*>PyUnicode_DATA(lowered)
        cdef Py_ssize_t size = min(end, len(lowered)), line_start = max(start, 0), line_end, bullets, last, phrase
        cdef Py_ssize_t index, rest
        cdef const unsigned char* newline
        cdef bint heading
        cdef list found = []
        while line_start <= size:
            newline = <const unsigned char*>memchr(data + line_start, 10, size - line_start)
            line_end = size if newline == NULL else newline - data
            bullets = line_start
            while bullets < line_end and _heading_prefix(data[bullets]):
                bullets += 1
            last = line_end  # one past the last character that is not [ \t*]
            while last > line_start and _heading_trail(data[last - 1]):
                last -= 1
            heading = last - 1 > line_start and data[last - 1] == 58 and last - 1 - line_start - 70 <= bullets - line_start
            if not heading:
                phrase = self._phrases._longest_fit(data, line_end, bullets)
                if phrase > 0:
                    rest = bullets + phrase
                    heading = last - rest <= 60
                    index = rest
                    while heading and index < line_end:
                        if data[index] == 58:
                            heading = False
                        index += 1
            if heading:
                found.append((line_start, lowered[line_start:line_end]))
            line_start = line_end + 1
        return found

    def read(self, str lowered, Py_ssize_t start, Py_ssize_t end, level_set_by, keeps, current, list starts,
             list levels):
        """requirement.Layout._read_headings' loop over find(lowered, start, end): each heading-like
        line's level (`level_set_by(line)`; `keeps` when it sets none) is noted in `starts` and
        `levels` when it changes the level or the line ends with a colon. Returns the level after."""
        cdef Py_ssize_t index
        cdef str line
        for line_start, line in self.find(lowered, start, end):
            level = level_set_by(line)
            if level is keeps:
                level = current
            if level != current or _ends_with_colon(line):
                starts.append(line_start)
                levels.append(level)
                current = level
        return current


cdef bint _ends_with_colon(str line):
    """line.rstrip().endswith(":")."""
    cdef Py_ssize_t index = len(line) - 1
    cdef int kind = PyUnicode_KIND(line)
    cdef void* data = PyUnicode_DATA(line)
    while index >= 0 and Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, index)):
        index -= 1
    return index >= 0 and PyUnicode_READ(kind, data, index) == 58


def line_label(str line):
    """requirement._line_label: group 1 of ^[\\s\\-*#•>|]*([^:\\n]{1,40}): on `line`, or None. The
    engine takes the longest run of bullets first, then gives bullets back to the label one by one;
    so does this."""
    cdef Py_ssize_t size = len(line), bullets = 0, start, index
    cdef int kind = PyUnicode_KIND(line)
    cdef void* data = PyUnicode_DATA(line)
    cdef Py_UCS4 char
    while bullets < size:
        char = PyUnicode_READ(kind, data, bullets)
        if not (Py_UNICODE_ISSPACE(char) or char == 45 or char == 42 or char == 35 or char == 0x2022 or char == 62
                or char == 124):
            break
        bullets += 1
    for start in range(bullets, -1, -1):
        for index in range(start, min(start + 41, size)):
            char = PyUnicode_READ(kind, data, index)
            if char == 58:  # ":"
                if index > start:
                    return line[start:index]
                break
            if char == 10:
                break
    return None


cdef class LevelRules:
    """What requirement.levels reads, handed over once: patterns, helpers and constants."""

    cdef object ascii_cues, any_cues, negation, preferred, within, label_level, level_type
    cdef Leads leads  # of ascii_cues, or None
    cdef str required_name, preferred_name, mentioned_name
    cdef dict no_deadline
    cdef str gap_punctuation
    cdef frozenset gap_words, joiners
    cdef Py_ssize_t list_gap

    def __init__(self, cues, negation, preferred, within, label_level, level_type, tuple names, dict no_deadline,
                 str gap_punctuation, frozenset gap_words, frozenset joiners, Py_ssize_t list_gap):
        self.ascii_cues, self.any_cues = cues.ascii_text, cues.any_text
        leads = cues.leads()
        self.leads = None if leads is None else Leads(leads, cues.word_starts)
        self.negation, self.preferred, self.within = negation, preferred, within
        self.label_level, self.level_type, self.no_deadline = label_level, level_type, no_deadline
        self.required_name, self.preferred_name, self.mentioned_name = names
        self.gap_punctuation, self.gap_words, self.joiners = gap_punctuation, gap_words, joiners
        self.list_gap = list_gap


def levels(list spans, layout, LevelRules rules):
    """requirement.levels: the level of each (start, end) span of `layout.text`, spans in text order."""
    cdef str lowered = layout.lowered
    cdef list result = [None] * len(spans)
    cdef list group
    for group in _groups(spans, lowered, rules):
        level = _level_of(spans[group[0]][0], spans[group[len(group) - 1]][1], layout, lowered, rules)
        for index in group:
            result[index] = level
    return result


cdef list _groups(list spans, str lowered, LevelRules rules):
    """requirement._groups: indices of spans that form one OR/AND list; every other span alone."""
    cdef list chains = [], joined = [], groups = [], chain, words
    cdef Py_ssize_t index, start, previous_end
    cdef str gap
    for index in range(len(spans)):
        start = spans[index][0]
        if chains:
            chain = chains[len(chains) - 1]
            previous_end = spans[chain[len(chain) - 1]][1]
            if start - previous_end <= rules.list_gap:
                gap = lowered[previous_end:start]
                words = gap.replace("/", " / ").strip(rules.gap_punctuation).split()
                if "\n" not in gap and _all_in(words, rules.gap_words):
                    chain.append(index)
                    if not joined[len(joined) - 1]:
                        joined[len(joined) - 1] = _any_in(words, rules.joiners) or "/" in gap
                    continue
        chains.append([index])
        joined.append(False)
    for chain, has_joiner in zip(chains, joined):
        if has_joiner:
            groups.append(chain)
        else:
            groups.extend([[index] for index in chain])
    return groups


cdef bint _all_in(list words, frozenset allowed):
    for word in words:
        if word not in allowed:
            return False
    return True


cdef bint _any_in(list words, frozenset wanted):
    for word in words:
        if word in wanted:
            return True
    return False


cdef object _level_of(Py_ssize_t start, Py_ssize_t end, layout, str lowered, LevelRules rules):
    """requirement._level_of: clause cue, deadline, negation, inline label, then the section. The
    line and clause are read in place, as offsets into `lowered`, and made into strings only
    where a rule needs one."""
    cdef Py_ssize_t offset = lowered.rfind("\n", 0, start) + 1
    cdef Py_ssize_t line_end = lowered.find("\n", start)
    if line_end < 0:
        line_end = len(lowered)
    cdef int kind = PyUnicode_KIND(lowered)
    cdef void* data = PyUnicode_DATA(lowered)
    cdef Py_ssize_t clause_start, clause_end
    _clause_in(kind, data, offset, line_end, start, end, &clause_start, &clause_end)
    cdef str clause = None
    if rules.leads is not None and lowered.isascii():
        # The clause in place: a cue cannot hold a clause end, and the character before the clause
        # is a clause end or a line break, so the matches are those found in the clause alone.
        cue = _nearest_of(rules.leads._matches(rules.ascii_cues, lowered, clause_start, clause_end, -1), start, end)
    else:
        clause = lowered[clause_start:clause_end]
        cue = nearest_cue(rules.ascii_cues if clause.isascii() else rules.any_cues, clause, start - clause_start,
                          end - clause_start, rules.leads if clause.isascii() else None)
    within = None
    cdef bint deadline_word
    if kind == PyUnicode_1BYTE_KIND:
        deadline_word = (_has(<const char*>data, clause_start, clause_end, b"within", 6)
                         or _has(<const char*>data, clause_start, clause_end, b"first", 5)
                         or _has(<const char*>data, clause_start, clause_end, b"later", 5))
    else:
        deadline_word = (lowered.find("within", clause_start, clause_end) >= 0
                         or lowered.find("first", clause_start, clause_end) >= 0
                         or lowered.find("later", clause_start, clause_end) >= 0)
    if deadline_word:
        clause = lowered[clause_start:clause_end] if clause is None else clause
        within = rules.within(clause)
    cdef bint negated = False
    if cue == rules.mentioned_name:
        clause = lowered[clause_start:clause_end] if clause is None else clause
        negated = rules.negation.search(clause) is not None
    if within is not None and not negated:
        return rules.level_type(rules.required_name, within)
    if negated and rules.preferred.search(clause):  # "CMA not required, but preferred"
        return rules.no_deadline[rules.preferred_name]
    if cue:
        return rules.no_deadline[cue]
    return rules.no_deadline[rules.label_level(lowered[offset:line_end]) or layout.section(offset) or rules.mentioned_name]


cdef inline bint _has(const char* data, Py_ssize_t start, Py_ssize_t end, const char* word, Py_ssize_t size):
    """`word` (`size` bytes) occurs in data[start:end]."""
    return end - start >= size and memmem(data + start, end - start, word, size) != NULL


cdef object _nearest_of(list matches, Py_ssize_t start, Py_ssize_t end):
    """nearest_cue's choice among `matches`: the named group of the one nearest [start, end), one
    after the span winning a tie; matches that overlap the span do not count."""
    best = None
    cdef double distance, best_distance = -1
    cdef Py_ssize_t match_start, match_end
    for match in matches:
        match_start, match_end = match.span()
        if match_start < end and match_end > start:
            continue
        distance = match_start - end if match_start >= end else start - match_end + 0.5
        if best_distance < 0 or distance < best_distance:
            best, best_distance = match.lastgroup, distance
    return best


cdef struct Spot:
    Py_ssize_t start
    Py_ssize_t end


cdef int _spot_order(const void* first, const void* second) noexcept nogil:
    """Spots by start, then end: the order of Python's sort of (start, end) tuples."""
    cdef const Spot* one = <const Spot*>first
    cdef const Spot* other = <const Spot*>second
    if one.start != other.start:
        return -1 if one.start < other.start else 1
    if one.end != other.end:
        return -1 if one.end < other.end else 1
    return 0


def windows(dict known, tuple words, Py_ssize_t reach, Py_ssize_t size, Py_ssize_t limit):
    """experience._windows over occurrences already found (`known`, every word in it): merged
    (start, end) windows of `reach` characters around at most `limit` occurrences of `words`."""
    cdef list merged = [], found
    cdef Py_ssize_t index, after, count = 0, taken, last_start = -1, last_end = -1, spot
    cdef Spot* spots = <Spot*>PyMem_Malloc(max(limit, 1) * sizeof(Spot))
    if spots == NULL:
        raise MemoryError()
    try:
        for word in words:
            after = len(word) + reach
            found = <list>known[word]
            for taken in range(min(len(found), limit - count)):
                index = found[taken]
                spots[count].start = index - reach if index > reach else 0
                spots[count].end = index + after if index + after < size else size
                count += 1
        qsort(spots, count, sizeof(Spot), _spot_order)
        for spot in range(count):
            if last_start >= 0 and spots[spot].start <= last_end:
                if spots[spot].end > last_end:
                    last_end = spots[spot].end
            else:
                if last_start >= 0:
                    merged.append((last_start, last_end))
                last_start, last_end = spots[spot].start, spots[spot].end
        if last_start >= 0:
            merged.append((last_start, last_end))
    finally:
        PyMem_Free(spots)
    return merged

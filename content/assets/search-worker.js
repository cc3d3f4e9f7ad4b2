// The search itself, in a worker of its own (started by search.js): asks the site's own
// Pagefind index (in parts of consecutive years, newest first), keeps the results that hold
// the words asked for, and sends the page one entry per report, ready to show. Nothing is
// fetched from outside the site.
//
// In a worker, the index loads and searches while the page's main thread lays out the page
// and runs the theme's script: on a slow machine these are most of the first answer's time.
//
// The index holds each Chinese character as a word naming it and the next one (see
// hooks/bulletin/indextext.py): a phrase is asked for as its first and last pairs, and a
// result holds the phrase where they stand at the phrase's distance. Pagefind gives each
// result's matching positions before its text is loaded, so only real matches are loaded
// (and their text checked once more before it is sent).
//
// Messages: the page sends {type: "search", run, query, filters, sort, options} and
// {type: "more", run}; the worker answers {type: "result", run, result} for each result,
// then {type: "end", run, shown, done}. A newer run replaces an older one.

const BATCH = 10;
// Single characters that carry no meaning of their own in a query.
const STOP = new Set("的了和与及在是对把等之或也为以于其".split(""));

// Pagefind waits for its WebAssembly to start by sleeping 50 ms at a time (a first query
// waits for it). Nothing else in this worker sets a timer, so it looks every 5 ms instead.
const setTimer = self.setTimeout.bind(self);
self.setTimeout = (callback, ms, ...args) => setTimer(callback, ms === 50 ? 5 : ms, ...args);

let options = null; // from the page: the index's address, its parts, the dictionary
const partIndexes = new Map(); // one part each, asked part after part
let merged = null;
let state = null; // the current search: its candidates and how many were sent
let latest = 0; // the latest run; an older one still running sends nothing more

const bundle = () => new URL(options.bundle);
// Results link to the site's pages, from the index's address.
const indexOptions = () => ({ baseUrl: new URL("../", bundle()).pathname, noWorker: true });

// Every part merged into one index: relevance across all years ("sort=all").
function loadAllParts() {
  merged ??= (async () => {
    const [first, ...rest] = options.indexes;
    const index = await import(new URL(`${first.name}/pagefind.js?merged`, bundle()).href);
    await index.options(indexOptions());
    await Promise.all(rest.map((part) => index.mergeIndex(new URL(`${part.name}/`, bundle()).href, indexOptions())));
    return index;
  })();
  merged.catch(() => (merged = null)); // a part that failed to load is asked again next time
  return merged;
}

function loadPart(part) {
  if (!partIndexes.has(part.name)) {
    const loading = (async () => {
      const index = await import(new URL(`${part.name}/pagefind.js`, bundle()).href);
      await index.options(indexOptions());
      return index;
    })();
    loading.catch(() => partIndexes.delete(part.name));
    partIndexes.set(part.name, loading);
  }
  return partIndexes.get(part.name);
}

// Results in order, one part of the index (consecutive years, or the newest month) at a time, newest first
// (oldest first for "asc"): by relevance within each part, or by date. A query asks the
// older parts only when the reader wants more than the newer ones hold, so what it fetches
// does not grow with the archive. "all" asks every part at once, by relevance across all.
// Only results whose matching positions hold each phrase are given.
async function* candidates(asked, filters, sort) {
  const keep = (results) => (asked ? results.filter((r) => holdsPhrases(r.words, asked.phrases)) : results);
  if (sort === "all" && asked) {
    yield* keep((await (await loadAllParts()).search(asked.query, { filters })).results);
    return;
  }
  const parts = [...options.indexes].sort((a, b) => a.order - b.order); // oldest first; a month's part after its year's
  if (sort !== "asc") parts.reverse();
  const byDate = !asked || sort === "asc" || sort === "desc";
  for (const part of parts) {
    // The parts are by folder year, the year filter is the issue's year: a report filed
    // in one year is published in that year or the next, so only those parts are asked.
    const wanted = Number(filters.year);
    if (wanted && !part.years.includes(wanted) && !part.years.includes(wanted - 1)) continue;
    const index = await loadPart(part);
    const order = byDate ? { sort: { date: sort === "asc" ? "asc" : "desc" } } : {};
    yield* keep((await index.search(asked ? asked.query : null, { filters, ...order })).results);
  }
}

async function take(source, count) {
  const out = [];
  while (out.length < count) {
    const next = await source.next();
    if (next.done) break;
    out.push(next.value);
  }
  return out;
}

// The words a result must hold: each space-separated part of the query, whole. A part
// that no result holds whole falls back to its words (dictionary words kept whole).
function splitWords(part) {
  const words = [];
  let rest = part;
  const segmenter = new Intl.Segmenter("zh", { granularity: "word" });
  while (rest) {
    const known = options.dictionary.find((w) => rest.startsWith(w));
    if (known) {
      words.push(known);
      rest = rest.slice(known.length);
      continue;
    }
    const first = segmenter.segment(rest)[Symbol.iterator]().next().value;
    const word = first ? first.segment : rest[0];
    if (word.trim() && !(word.length === 1 && STOP.has(word))) words.push(word);
    rest = rest.slice(word.length);
  }
  return words;
}

const HAN = "\u3400-\u9fff\uf900-\ufaff";
const PIECE = new RegExp(`[${HAN}]+|(?:(?![${HAN}])[\\p{L}\\p{N}])+`, "gu");
const IS_HAN = new RegExp(`^[${HAN}]`, "u");
const DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz";
const CODED = /^q[0-9a-y][0-9a-z]{5}$/;
const TEXT_MARK = "⁂";

function encodeChar(char) {
  const point = char.codePointAt(0);
  const n = point <= 0x9fff ? point - 0x3400 : 0x6c00 + point - 0xf900;
  return DIGITS[Math.floor(n / 1296)] + DIGITS[Math.floor(n / 36) % 36] + DIGITS[n % 36];
}

function decodeChar(word) {
  const n = parseInt(word.slice(1, 4), 36);
  return String.fromCodePoint(n < 0x6c00 ? n + 0x3400 : n - 0x6c00 + 0xf900);
}

// The query as the index was written: a run of Chinese characters as its first and last
// pairs (each costs a query one index chunk per part of the index), a single character as
// the prefix of its words, other words as they are. A run of three or more characters is a
// phrase: the offsets at which its two pairs must stand (the text is checked when shown).
function encodeQuery(parts) {
  const words = [];
  const phrases = [];
  for (const part of parts) {
    for (const piece of part.match(PIECE) || []) {
      if (!IS_HAN.test(piece)) {
        words.push(piece.toLowerCase());
        continue;
      }
      const chars = [...piece];
      if (chars.length === 1) {
        words.push(`q${encodeChar(chars[0])}`);
        continue;
      }
      const offsets = chars.length === 2 ? [0] : [0, chars.length - 2];
      for (const i of offsets) words.push(`q${encodeChar(chars[i])}${encodeChar(chars[i + 1])}`);
      if (offsets.length > 1) phrases.push(offsets);
    }
  }
  return words.length ? { query: words.join(" "), phrases } : null;
}

// Whether the matching positions of a result hold every phrase: a position where the first
// pair stands and the others at their offsets. (Checked again on the text before it is sent.)
function holdsPhrases(positions, phrases) {
  if (!phrases.length) return true;
  const at = new Set(positions);
  return phrases.every((offsets) => positions.some((p) => offsets.every((o) => at.has(p + o))));
}

// The readable text put back together from the indexed words.
function decodeText(indexed) {
  let text = "";
  for (const word of indexed.split(/[\s\u200b]+/)) {
    if (!word) continue;
    if (CODED.test(word)) text += decodeChar(word);
    else if (/[\p{L}\p{N}]$/u.test(text) && !IS_HAN.test(text.slice(-1)) && /^[\p{L}\p{N}]/u.test(word)) text += ` ${word}`;
    else text += word;
  }
  return text;
}

// The report's own text (after TEXT_MARK) of a result's readable text, for the excerpt.
function bodyText(text) {
  return text.slice(text.indexOf(TEXT_MARK) + 1);
}

function holdsAll(text, terms) {
  const lower = text.toLowerCase();
  return terms.every((t) => lower.includes(t.toLowerCase()));
}

// About 120 characters of the text around the first term, in pieces: the terms found are
// the pieces at odd places (the page marks them).
function makeExcerpt(content, terms) {
  const lower = content.toLowerCase();
  let at = terms.length ? lower.indexOf(terms[0].toLowerCase()) : 0;
  if (at < 0) at = 0;
  const start = Math.max(0, at - 40);
  const piece = content.slice(start, start + 120);
  const pattern = [...terms]
    .sort((a, b) => b.length - a.length)
    .map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
    .join("|");
  const pieces = pattern ? piece.split(new RegExp(`(${pattern})`, "gi")) : [piece];
  if (start > 0) pieces[0] = `…${pieces[0]}`;
  if (start + 120 < content.length) pieces[pieces.length - 1] += "…";
  return pieces;
}

// What the page shows of a result, as plain text: its address, title, unit, issue, date and
// excerpt.
function describeResult(data, text, terms) {
  const meta = data.meta || {};
  const url = data.url.replace(/\.html$/, "/"); // a record is its page's path as a file
  return {
    url,
    title: (meta.title || url).replace(/^\s+|\s+$/g, ""),
    unit: meta.unit || "",
    issue: meta.issue || "",
    date: meta.date || "",
    excerpt: makeExcerpt(bodyText(text), terms),
  };
}

// Sends the next results of the current search: a page of real matches, or fewer when the
// candidates run out. A newer search replaces `state`; this one stops as soon as it is no
// longer the latest.
async function sendMore(search) {
  const stale = () => search.run !== latest;
  let added = 0;
  while (!search.done && added < BATCH) {
    const batch = search.pending.length ? search.pending.splice(0) : await take(search.source, BATCH);
    if (stale()) return;
    if (batch.length < BATCH) search.done = true;
    // Loaded together, sent in order as they arrive (a title holding the words ranks first:
    // the index weighs the title's words).
    for (const loading of batch.map((r) => r.data())) {
      const data = await loading;
      if (stale()) return;
      const text = decodeText(data.content || ""); // decoded once, for the check and the excerpt
      if (search.terms.length && !holdsAll(text, search.terms)) continue;
      postMessage({ type: "result", run: search.run, result: describeResult(data, text, search.terms) });
      added += 1;
    }
  }
  search.shown += added;
  postMessage({ type: "end", run: search.run, shown: search.shown, done: search.done });
}

// The parts of a query: what stands between blanks, symbols, emoji and punctuation (none
// of which the index holds), so "防汛 🔥" or "防汛!" asks for 防汛.
const NOT_A_WORD = /[^\p{L}\p{N}\p{M}]+/gu;

function splitQuery(query) {
  return query.replace(NOT_A_WORD, " ").split(/\s+/).filter(Boolean);
}

async function startSearch({ run, query, filters, sort }) {
  const parts = splitQuery(query);
  // Whole parts first; if no result holds them whole, ask for their words instead.
  let terms = parts;
  const asked = encodeQuery(parts);
  const nothing = (async function* () {})(); // a query of punctuation only holds no word to find
  let source = query.trim() && !asked ? nothing : candidates(asked, filters, sort);
  let first = await take(source, BATCH);
  if (parts.length && !first.length) {
    const words = parts.flatMap(splitWords);
    if (words.length > parts.length) {
      terms = words;
      source = candidates(encodeQuery(words), filters, sort);
      first = await take(source, BATCH);
    }
  }
  if (run !== latest) return;
  state = { run, source, pending: first, done: false, shown: 0, terms };
  await sendMore(state);
}

function fail(run, error) {
  postMessage({ type: "error", run, message: String(error && error.message ? error.message : error) });
}

self.addEventListener("message", ({ data }) => {
  if (data.type === "search") {
    options = data.options;
    latest = data.run;
    startSearch(data).catch((error) => fail(data.run, error));
  } else if (data.type === "more" && state && state.run === data.run && data.run === latest) {
    sendMore(state).catch((error) => fail(data.run, error));
  }
});

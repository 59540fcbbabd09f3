/*
 * Search worker of the travel-advice site: Material for MkDocs' search box, answered by Pagefind.
 *
 * Material starts the worker named in the page's __config ("search") and speaks a small protocol
 * with it (its integrations/search/worker/message): READY when the worker can take queries,
 * QUERY with the text of the box, RESULT with the result groups Material renders (one group per
 * page: the page, then its sections, each with location, title, text and score). This worker
 * answers that protocol from the Pagefind index of the page's language, so the box, its keyboard
 * use and its result list stay Material's, and nothing else of Material's search is loaded: no
 * lunr index, no lunr worker.
 *
 * Loaded as  travel-advice-search.js?index=<the language's Pagefind folder, relative to this file>.
 * Pagefind (pagefind.js and its WebAssembly) is imported on the first query, not at page load;
 * if that fails (offline), the query finds nothing and the next one tries again. Pagefind fetches
 * the index by term, each term a chunk of the index, so what a query costs is kept small here:
 * - Pagefind is loaded from the first keystroke on, while the traveller types, and each text is
 *   searched at once (a word's chunk is mostly its prefix's, fetched already); the results'
 *   fragments, the costly part, are fetched for the latest text only, once typing pauses: the worker
 *   waits as long as the traveller's own rhythm says another key is coming (RHYTHM times the time
 *   since the key before, at most QUIET ms after the key, most of it spent searching), and not at
 *   all for a text that arrived whole (pasted, dictated, picked from the keyboard's suggestions);
 * - words that do not help finding are not searched: stop words ("the", « dans ») unless the query
 *   is nothing else, and words shorter than MIN_TERM letters (they would match the start of
 *   thousands of words: every chunk of the index);
 * - only the first RESULTS pages are shown: each needs its fragment (a few KB).
 * Pagefind finds the pages holding any of the words; those holding all of them come first (each
 * word is searched alone too, in the chunks already fetched), then, of the pages shown, those whose
 * title, a section's title or a destination's extra name words (``terms``: « Ivoire », « US ») holds every
 * word, as Material's lunr search ranked them (it weighed
 * titles a thousand times more than text): "passports" finds the page « Passports and travel
 * documents » before the one on a lost passport, « sécurité en ligne » the section of that name.
 */
"use strict"

const READY = 1   // Material's SearchMessageType.READY
const QUERY = 2   // Material's SearchMessageType.QUERY
const RESULT = 3  // Material's SearchMessageType.RESULT
const RESULTS = 5
const QUIET = 150
const RHYTHM = 2
const EXCERPT_WORDS = 24
const MARK = /<(?!\/?mark>)/g
const MIN_TERM = 2
const SEPARATOR = /[\s\-'’‘ʼ.,;:!?«»"()]+/u
const STOP_WORDS = new Set([
  "and", "for", "from", "into", "the", "with",
  "aux", "avec", "dans", "des", "les", "par", "pour", "sur", "une",
])

const bundle = new URL(new URL(self.location.href).searchParams.get("index") || "../../../pagefind/", self.location.href)
let pagefind = null  // the module, once imported
let latest = 0       // number of the latest query
let previous = { text: "", arrived: -Infinity }  // the latest query's text, as typed, and when it came

function escapeHtml(text) {
  return String(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;")
}

/* Pagefind writes < and > of the text as entities and marks matches with <mark>: nothing else may be a tag. */
function excerpt(html) {
  return html ? `<p>${html.replace(MARK, "&lt;")}</p>` : ""
}

/* The words of a query worth a search: « sécurité en ligne » -> « sécurité ligne ». Pagefind keeps
   « d’Ivoire » one word, as it indexed it. */
function searchedWords(text) {
  const words = text.split(/\s+/).filter(word => word.length >= MIN_TERM)
  const kept = words.filter(word => !STOP_WORDS.has(word.toLowerCase()))
  return (kept.length ? kept : words.slice(-1)).join(" ")
}

function load() {
  pagefind = pagefind || import(new URL("pagefind.js", bundle).href).then(async module => {
    await module.options({ excerptLength: EXCERPT_WORDS, ranking: { diacriticSimilarity: 0 } })  // accents do not matter, in ranking either
    return module
  }).catch(error => {
    pagefind = null
    throw error
  })
  return pagefind
}

/* "Côte d’Ivoire" -> ["cote", "d", "ivoire"] */
function plainWords(text) {
  return text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase().split(SEPARATOR).filter(Boolean)
}

/* Whether every searched word is a word of the title. */
function inTitle(words, title) {
  const titleWords = new Set(plainWords(title))
  return words.every(word => titleWords.has(word))
}

/* Pagefind's results with those holding every word first, in Pagefind's order otherwise. */
async function allWordsFirst(module, words, results) {
  const terms = words.split(" ")
  if (terms.length < 2) return results
  const found = await Promise.all(terms.map(async term => new Set((await module.search(term)).results.map(result => result.id))))
  const holdsAll = result => found.every(ids => ids.has(result.id))
  return [...results.filter(holdsAll), ...results.filter(result => !holdsAll(result))]
}

/* The score of a page or section: the weight of the query's words found in it. */
function score(part) {
  return part.weighted_locations.reduce((sum, location) => sum + location.balanced_score, 0)
}

/* One of Material's result groups: the page first (no "#" in its location), then its sections
   (the part of the page under its title, h1, is the page). */
function group(data, terms) {
  const page = { location: data.url, title: escapeHtml(data.meta.title || data.url), text: "", score: 0, terms }
  const sections = []
  for (const part of data.sub_results) {
    if (part.anchor && part.anchor.element !== "h1") {
      sections.push({ location: part.url, title: escapeHtml(part.title), text: excerpt(part.excerpt), score: score(part), terms })
    } else {
      page.text = excerpt(part.excerpt)
      page.score = score(part)
    }
  }
  if (!page.text) page.text = excerpt(data.excerpt)
  return [page, ...sections.sort((a, b) => b.score - a.score)]
}

/* How long after its key a text's fragments wait for the next key: none for a text that came whole (more
   than one letter added or removed at once), else RHYTHM times the time since the key before, at most QUIET. */
function quietFor(text, arrived) {
  const [shorter, longer] = text.length < previous.text.length ? [text, previous.text] : [previous.text, text]
  const typed = longer.length - shorter.length <= 1 && longer.startsWith(shorter)
  const gap = arrived - previous.arrived
  previous = { text, arrived }
  return typed ? Math.min(QUIET, RHYTHM * gap) : 0
}

/* Until ``quiet`` ms after ``arrived`` (a performance.now() time). */
function pause(arrived, quiet) {
  return new Promise(resolve => setTimeout(resolve, Math.max(0, arrived + quiet - performance.now())))
}

async function search(text, number, arrived, quiet) {
  const words = searchedWords(text)
  if (!words) return []
  const module = await load()
  const found = await module.search(words)
  if (number !== latest || !found) return null
  const ranked = await allWordsFirst(module, words, found.results)
  await pause(arrived, quiet)
  if (number !== latest) return null
  const shown = await Promise.all(ranked.slice(0, RESULTS).map(result => result.data()))
  const terms = Object.fromEntries(words.split(" ").map(word => [word, true]))
  const plain = plainWords(words)
  const titled = shown.filter(data => [data.meta.title || "", data.meta.terms || "", ...data.sub_results.map(part => part.title || "")].some(title => inTitle(plain, title)))
  return [...titled, ...shown.filter(data => !titled.includes(data))].map(data => group(data, terms))
}

self.addEventListener("message", async ev => {
  if (ev.data.type !== QUERY) return
  const number = ++latest
  const arrived = performance.now()
  const quiet = quietFor(ev.data.data, arrived)
  const text = ev.data.data.trim()
  let items = []
  if (text) {
    load().catch(() => {})  // from the first keystroke: the code is needed whatever the words
    try {
      items = await search(text, number, arrived, quiet)
    } catch (error) {
      console.warn(`Search not available: ${error.message}`)
    }
    if (number !== latest || items === null) return
  }
  self.postMessage({ type: RESULT, data: { items: items || [] } })
})

self.postMessage({ type: READY })

/*
 * Search worker of the travel-advice site: Material for MkDocs' own worker, with three additions.
 *
 * 1. Accents do not matter. Before Material indexes the documents, each field (title, text,
 *    tags) gets a companion field holding the accent-free forms of its accented words
 *    ("sécurité" -> "securite"), indexed with the same boost; the displayed text is untouched.
 *    Done here rather than in the index file, so the traveller does not download it.
 *
 * 2. Query terms are prepared the way lunr prepared the indexed words.
 * Material adds a trailing wildcard to every query term ("paludisme" -> "paludisme*"), and
 * lunr skips its pipeline for wildcard terms, so with stemming on, a whole word would never
 * match its stem in the index ("paludism"). This worker runs each plain query term through
 * the index language's trimmer and stemmer first, drops French elisions (d', l', qu'...) and
 * stop words (« en », "of") except in the last term, which may be a word still being typed
 * ("en*" would match « enlèvement »), then hands the query to Material's worker.
 *
 * 3. The index is downloaded only when the traveller searches. Material fetches the language's
 * search/search_index.json on every page load; the site makes it a stub: the lunr setup
 * (config) and no documents, its config naming the full index (full_index, relative to this
 * worker). Material's worker is set up with the stub, so the search box is ready at once. On
 * the first non-empty query, this worker fetches the full index, sets Material's worker up
 * again with it (without importing lunr's language support twice, and hiding the second READY
 * from the page, which sent one SETUP) and answers the latest query received meanwhile. If the
 * download fails (offline), that query gets no result and the next one tries again.
 *
 * Loaded as  travel-advice-search.js?material=<file name of Material's worker>  from the
 * folder of Material's worker, so both load lunr's language support from the same place.
 */
"use strict"

const SETUP = 0   // Material's SearchMessageType.SETUP
const READY = 1   // Material's SearchMessageType.READY
const QUERY = 2   // Material's SearchMessageType.QUERY
const RESULT = 3  // Material's SearchMessageType.RESULT
const FULL_INDEX = "full_index"  // key of the stub's config naming the full index (site/search_index.py)
const ELISION = /(^|[\s"+-])(?:[cdjlmnst]|qu|jusqu|lorsqu|puisqu)['’‘ʼ](?=\S)/giu
const SYNTAX = /^[+-]|[*:^~"]/
const FOLDED = { title: "title_folded", text: "text_folded", tags: "tags_folded" }
const NON_ASCII = /[^\x00-\x7f]/
const foldedWord = new Map()  // word -> its accent-free form, computed once per word
const LIGATURES = { "œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE", "ß": "ss" }

const materialWorker = new URL(self.location.href).searchParams.get("material")
const listen = self.addEventListener.bind(self)

/* Load Material's worker, keeping its message listener to call it ourselves. */
let material = null
self.addEventListener = (type, listener, options) => {
  if (type === "message") material = listener
  else listen(type, listener, options)
}
importScripts(materialWorker)
delete self.addEventListener

/* Material's worker imports lunr's language support on each SETUP: the second time, nothing. */
const importScript = self.importScripts.bind(self)
const imported = new Set()
self.importScripts = (...urls) => importScript(...urls.filter(url => !imported.has(url) && imported.add(url)))

/* Material's worker answers each SETUP with READY: not the one this worker sends itself. */
const post = self.postMessage.bind(self)
let settingUpFullIndex = false
self.postMessage = message => {
  if (!(settingUpFullIndex && message.type === READY)) post(message)
}

let config = null
let setup = null      // the page's SETUP message, set up with the stub
let fullIndex = null  // URL of the full index, until Material's worker is set up with it
let loading = null    // the download and setup of the full index, while under way
let latest = 0        // number of the latest query

/* "Côte d’Ivoire" -> "Cote d'Ivoire" */
function fold(text) {
  return text.normalize("NFD").replace(/\p{M}/gu, "")
    .replace(/[’‘ʼ]/g, "'").replace(/[œŒæÆß]/g, letter => LIGATURES[letter])
}

/* The accent-free forms of the accented words of a field, each once. */
function foldedWords(value, separator) {
  const text = (Array.isArray(value) ? value.join(" ") : value)
    .replace(/<[^>]*>/g, " ").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&")
  const words = new Set()
  if (NON_ASCII.test(text))
    for (const word of text.split(separator))
      if (NON_ASCII.test(word)) {
        let plain = foldedWord.get(word)
        if (plain === undefined)
          foldedWord.set(word, plain = fold(word).toLowerCase())
        if (plain !== word.toLowerCase()) words.add(plain)
      }
  return [...words].join(" ")
}

/* The index with accent-free companion fields, as Material's worker will index it. */
function withFoldedFields({ config, docs, ...rest }) {
  const separator = new RegExp(config.separator, "u")
  const fields = { ...config.fields }
  for (const [field, folded] of Object.entries(FOLDED))
    if (field in fields) fields[folded] = fields[field]
  return {
    ...rest,
    config: { ...config, fields },
    docs: docs.map(doc => {
      const copy = { ...doc }
      for (const [field, folded] of Object.entries(FOLDED)) {
        const words = doc[field] ? foldedWords(doc[field], separator) : ""
        if (words) copy[folded] = words
      }
      return copy
    })
  }
}

/* The lunr language support of the index, once Material's worker has loaded it. */
function languageSupport() {
  if (!config || !config.pipeline.includes("stemmer") || config.lang.length !== 1) return null
  const support = config.lang[0] === "en" ? lunr : lunr[config.lang[0]]
  return support && support.trimmer && support.stemmer && support.stopWordFilter ? support : null
}

function prepareTerm(term, fns) {
  let token = new lunr.Token(term.toLowerCase(), {})
  for (const fn of fns) token = token && fn(token, 0, [token])
  return token ? token.toString() : ""
}

function prepareQuery(query) {
  const support = languageSupport()
  if (!support) return query
  const separator = new RegExp(config.separator, "u")
  const terms = []
  for (const word of query.replace(ELISION, "$1").split(/\s+/).filter(Boolean))
    if (SYNTAX.test(word)) terms.push(word)
    else terms.push(...word.split(separator).filter(Boolean))
  const last = terms.length - 1
  return terms.map((term, i) => {
    if (SYNTAX.test(term)) return term
    const fns = i < last
      ? [support.trimmer, support.stopWordFilter, support.stemmer]
      : [support.trimmer, support.stemmer]
    return prepareTerm(term, fns)
  }).filter(Boolean).join(" ")
}

/* Fetch the full index and set Material's worker up with it, in place of the stub. */
async function loadFullIndex() {
  const response = await fetch(fullIndex)
  if (!response.ok) throw new Error(`${response.url}: HTTP ${response.status}`)
  const index = await response.json()
  config = index.config
  settingUpFullIndex = true
  try {
    await material({ data: { ...setup, data: withFoldedFields({ ...setup.data, ...index }) } })
  } finally {
    settingUpFullIndex = false
  }
  fullIndex = null
}

/* Answer a query once the full index is there (only the latest, if several came meanwhile). */
async function search(message) {
  const number = ++latest
  if (fullIndex && message.data.trim()) {
    loading = loading || loadFullIndex().finally(() => { loading = null })
    try {
      await loading
    } catch (error) {
      if (number === latest) {
        console.warn(`Search index not available: ${error.message}`)
        post({ type: RESULT, data: { items: [] } })
      }
      return
    }
    if (number !== latest) return
  }
  material({ data: { ...message, data: prepareQuery(message.data) } })
}

listen("message", ev => {
  let message = ev.data
  if (message.type === SETUP) {
    const { [FULL_INDEX]: url, ...stubConfig } = message.data.config
    config = stubConfig
    message = { ...message, data: { ...message.data, config: stubConfig } }
    if (url) [setup, fullIndex] = [message, url]
    message = { ...message, data: withFoldedFields(message.data) }
  }
  if (message.type === QUERY) search(message)
  else material({ data: message })
})

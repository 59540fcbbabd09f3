/*
 * Search worker of the travel-advice site: Material for MkDocs' own worker, with query
 * terms prepared the way lunr prepared the indexed words.
 *
 * Material adds a trailing wildcard to every query term ("paludisme" -> "paludisme*"), and
 * lunr skips its pipeline for wildcard terms, so with stemming on, a whole word would never
 * match its stem in the index ("paludism"). This worker runs each plain query term through
 * the index language's trimmer and stemmer first, and drops French elisions (d', l', qu'...),
 * then hands the query to Material's worker unchanged otherwise.
 *
 * Loaded as  travel-advice-search.js?material=<file name of Material's worker>  from the
 * folder of Material's worker, so both load lunr's language support from the same place.
 */
"use strict"

const SETUP = 0   // Material's SearchMessageType.SETUP
const QUERY = 2   // Material's SearchMessageType.QUERY
const ELISION = /(^|[\s"+-])(?:[cdjlmnst]|qu|jusqu|lorsqu|puisqu)['’‘ʼ](?=\S)/giu
const SYNTAX = /^[+-]|[*:^~"]/

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

let config = null

/* The lunr functions that prepare a query term, once the language support is loaded. */
function preparers() {
  if (!config || !config.pipeline.includes("stemmer") || config.lang.length !== 1) return null
  const support = config.lang[0] === "en" ? lunr : lunr[config.lang[0]]
  return support && support.trimmer && support.stemmer ? [support.trimmer, support.stemmer] : null
}

function prepareTerm(term, fns) {
  let token = new lunr.Token(term.toLowerCase(), {})
  for (const fn of fns) token = token && fn(token, 0, [token])
  return token ? token.toString() : ""
}

function prepareQuery(query) {
  const fns = preparers()
  const separator = new RegExp(config ? config.separator : "[\\s\\-]+", "u")
  return query.replace(ELISION, "$1").split(/(\s+)/).map(word => {
    if (!fns || !word.trim() || SYNTAX.test(word)) return word
    return word.split(separator).map(term => prepareTerm(term, fns)).filter(Boolean).join(" ")
  }).join("")
}

listen("message", ev => {
  let message = ev.data
  if (message.type === SETUP) config = message.data.config
  if (message.type === QUERY) message = { ...message, data: prepareQuery(message.data) }
  material({ data: message })
})

// What the test page gets as window.AnnotatorDom: the matchers a W3C consumer uses.
export {
  createTextQuoteSelectorMatcher,
  describeTextQuote,
} from "@apache-annotator/dom";

/** The renderers: pure `(value, options) => string`. A new output format never touches the diff. */
export {renderPlanJson, renderResultsJson} from './json.js'
export {GITHUB_COMMENT_LIMIT, renderPlanMarkdown} from './markdown.js'
export type {MarkdownRenderOptions} from './markdown.js'
export {renderResultsMarkdown, renderResultsText, resultsSummaryLine} from './results.js'
export type {ResultsTextOptions} from './results.js'
export {estimateLine, renderPlanText, summaryLine} from './text.js'
export type {TextRenderOptions} from './text.js'

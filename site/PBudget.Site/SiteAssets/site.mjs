// Progressive enhancement only: every page works without this file.
// It is a module, so it only runs in browsers GOV.UK Frontend supports; it marks the page as such and starts the components.
import { initAll } from './govuk-frontend.min.js'

document.body.classList.add('js-enabled', 'govuk-frontend-supported')
initAll()

// The voting pages' own enhancements, loaded only on a page that has something for them to do.
if (document.querySelector('[data-pbudget-ballot-status], [data-pbudget-print]')) {
  import('./voting.mjs')
}

// Progressive enhancement only: every page works without this file.
// It is a module, so it only runs in browsers GOV.UK Frontend supports; it marks the page as such and starts the components.
import { initAll } from './govuk-frontend.min.js'

document.body.classList.add('js-enabled', 'govuk-frontend-supported')
initAll()

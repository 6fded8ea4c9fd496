// Progressive enhancement for the voting pages, which all work without it; site.mjs loads it only where it has work.
// A ballot's status line says what is left as the voter ticks projects or types points, worked out from the page's
// data attributes (the server checks the ballot again in any case). A receipt's print button needs a script to print,
// so it is hidden until this shows it.

const pounds = (pence) => {
  const digits = pence % 100 === 0 ? 0 : 2
  return new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP', minimumFractionDigits: digits, maximumFractionDigits: digits })
    .format(pence / 100)
}

const count = (n, one, many) => `${n} ${n === 1 ? one : many}`

// What is left on the ballot, in the words the check page uses; null for a kind this script does not know.
function whatIsLeft (status, form) {
  switch (status.dataset.kind) {
    case 'knapsack': {
      const budget = Number(status.dataset.budgetPence)
      let cost = 0
      for (const box of form.querySelectorAll('input[type="checkbox"][data-cost-pence]:checked')) {
        cost += Number(box.dataset.costPence)
      }
      const left = budget - cost
      return left >= 0 ? `${pounds(left)} of ${pounds(budget)} left` : `${pounds(-left)} over the budget of ${pounds(budget)}`
    }
    case 'approval': {
      const left = Number(status.dataset.maxChoices) - form.querySelectorAll('input[type="checkbox"][data-cost-pence]:checked').length
      return left >= 0 ? `You can choose ${left} more` : `You have chosen ${count(-left, 'project', 'projects')} too many`
    }
    case 'cumulative': {
      let used = 0
      for (const input of form.querySelectorAll('input[data-pbudget-points]')) {
        const value = input.value.trim()
        if (/^\d{1,6}$/.test(value)) {
          used += Number(value)
        }
      }
      const left = Number(status.dataset.points) - used
      return left >= 0 ? `${count(left, 'point', 'points')} left` : `${count(-left, 'point', 'points')} too many`
    }
    default:
      return null
  }
}

for (const status of document.querySelectorAll('[data-pbudget-ballot-status]')) {
  const form = status.closest('form')
  if (form) {
    // Only a change of wording is written, so a screen reader announces each new total once.
    const update = () => {
      const text = whatIsLeft(status, form)
      if (text !== null && status.textContent !== text) {
        status.textContent = text
      }
    }
    form.addEventListener('input', update)
    form.addEventListener('change', update)
    update()
  }
}

for (const button of document.querySelectorAll('[data-pbudget-print]')) {
  button.addEventListener('click', () => window.print())
  button.classList.remove('govuk-!-display-none')
}

// The person's browser at the HTTP level (fetch, no redirects followed, its own cookie jar): opens
// the authorization URL, has the card sign the login transaction (the test's signer hook), continues,
// approves the consent page when the gateway shows one, and returns where the gateway finally sends
// the browser: the client's redirect URI with code, state and iss. The same browser (its cookies:
// the gateway's single sign-on session) can then follow an RP-initiated logout URL. The Java twin
// is UserAgent.java.

/**
 * Runs the login at the gateway in `browser` (a new one, without cookies, unless given); resolves
 * to the final redirect (a URL).
 */
export async function logIn(authorizationUrl, signerUrl, browser = new Browser()) {
  const page = await browser.get(authorizationUrl)
  await expectStatus(page, 200, 'the login page')
  const html = await page.text()
  const login = tag(html, /<main\b[^>]*\bid="login"[^>]*>/, 'the login element')
  const statusUrl = new URL(attribute(login, 'data-status-url'), authorizationUrl)
  const continueUrl = new URL(attribute(login, 'data-continue-url'), authorizationUrl)

  const transaction = statusUrl.href.replace(/\/status$/, '')
  const signed = await fetch(signerUrl, { method: 'POST', body: transaction })
  if (!signed.ok) {
    throw new Error(`the card did not sign ${transaction}: HTTP ${signed.status} ${await signed.text()}`)
  }
  const status = await (await browser.get(statusUrl, { accept: 'application/json' })).json()
  if (status.status !== 'verified') {
    throw new Error(`the login page's status is ${JSON.stringify(status)}, not verified`)
  }
  const next = await browser.redirect(await browser.get(continueUrl), continueUrl)
  return isConsentPage(next) ? approveConsent(browser, next) : next
}

/** The gateway's consent step (/login/{txn}/consent) rather than the client. */
export function isConsentPage(url) {
  return /\/login\/[^/]+\/consent$/.test(url.pathname)
}

/** Fetches the consent page and posts decision=approve with its CSRF token. */
async function approveConsent(browser, consentUrl) {
  const page = await browser.get(consentUrl)
  await expectStatus(page, 200, 'the consent page')
  const html = await page.text()
  const action = new URL(attribute(tag(html, /<form\b[^>]*\bid="consent-form"[^>]*>/, 'the consent form'), 'action'), consentUrl)
  const csrf = attribute(tag(html, /<input\b[^>]*\bname="csrf"[^>]*>/, 'the csrf input'), 'value')
  const answer = await browser.post(action, new URLSearchParams({ decision: 'approve', csrf }))
  return browser.redirect(answer, action)
}

/**
 * Follows the RP-initiated logout URL (the gateway's end_session_endpoint) in `browser`; resolves
 * to the 303 redirect the gateway answers with (the post-logout redirect URI with state).
 */
export async function logOut(browser, endSessionUrl) {
  return browser.redirect(await browser.get(endSessionUrl), endSessionUrl)
}

export class Browser {
  #cookies = new Map()

  get(url, { accept } = {}) {
    return this.#send(url, { method: 'GET', headers: accept ? { accept } : {} })
  }

  post(url, form) {
    return this.#send(url, { method: 'POST', body: form })
  }

  async redirect(response, from) {
    await expectStatus(response, 303, `the redirect from ${from}`)
    return new URL(response.headers.get('location'), from)
  }

  async #send(url, init) {
    const cookie = [...this.#cookies].map(([name, value]) => `${name}=${value}`).join('; ')
    const response = await fetch(url, {
      ...init,
      redirect: 'manual',
      headers: { ...init.headers, ...(cookie ? { cookie } : {}) },
    })
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';')
      const at = pair.indexOf('=')
      this.#cookies.set(pair.slice(0, at).trim(), pair.slice(at + 1).trim())
    }
    return response
  }
}

/** The first start tag matching `pattern`. */
function tag(html, pattern, what) {
  const match = pattern.exec(html)
  if (!match) {
    throw new Error(`no ${what} in the page: ${html.slice(0, 2000)}`)
  }
  return match[0]
}

/** The value of attribute `name` in an HTML start tag, unescaped. */
function attribute(startTag, name) {
  const match = new RegExp(`\\s${name}="([^"]*)"`).exec(startTag)
  if (!match) {
    throw new Error(`no ${name} in ${startTag}`)
  }
  return match[1].replaceAll('&quot;', '"').replaceAll('&#39;', "'").replaceAll('&lt;', '<').replaceAll('&gt;', '>')
    .replaceAll('&amp;', '&')
}

async function expectStatus(response, status, what) {
  if (response.status !== status) {
    throw new Error(`${what}: HTTP ${response.status} (expected ${status}): ${await response.text()}`)
  }
}

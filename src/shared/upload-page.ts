import { toMs, type Instant } from './countdown'
import { AppError } from './errors'
import { hasDotSegments, keyBaseName } from './object-key'
import {
  contentTypeInWords,
  FILENAME_VARIABLE,
  limitsInWords,
  MAX_SINGLE_UPLOAD_BYTES,
  sizeInWords,
  type ContentTypeRule,
  type PostUploadLimits,
  type PostUploadLink,
  type PutUploadLink
} from './upload-links'

/**
 * The browser upload page: one self-contained HTML file, uploaded to the bucket and shared as a
 * GET link, through which someone with no AWS access sends a file straight to S3.
 *
 * - Served from the bucket's own origin, so the upload (an XMLHttpRequest PUT to the pre-signed
 *   URL, or POST of the form) is same-origin: no CORS rule is needed on the bucket.
 * - No external script, style, font or image. Its Content-Security-Policy (a meta tag: the page
 *   is a plain S3 object, which cannot carry response headers of its own) allows nothing but its
 *   one inline script and one inline style, each by SHA-256 hash, and connections and form posts
 *   to the upload URL's origin.
 * - Hashes rather than nonces: a nonce is a per-response secret, and this page is a static file
 *   served again and again, so its nonce would be a fixed, public value. A hash allows exactly
 *   the script and style the app wrote, whatever else ends up in the page. src/shared cannot
 *   import node:crypto, so the caller passes the hash function (main: `sha256Base64`).
 * - Everything from outside (keys, titles, the note, fields) is HTML-escaped, or JSON-escaped
 *   to ASCII inside the script.
 */

export interface UploadPageOptions {
  link: PutUploadLink | PostUploadLink
  /**
   * When the link really stops working, if earlier than `link.expiresAt` (temporary credentials
   * end it sooner). The page counts down to it.
   */
  expiresAt?: Instant
  /** The page's heading and title; "Send a file" by default. */
  title?: string
  /** A few lines from the sender, shown as plain text. */
  note?: string | null
  /** Base64 SHA-256 of a text's UTF-8 bytes, for the CSP's `'sha256-…'` sources. */
  sha256Base64: (text: string) => string
}

export interface UploadPage {
  html: string
  /** The Content-Type to store the page object with. */
  contentType: 'text/html; charset=utf-8'
  /** The policy in the page's meta tag. */
  contentSecurityPolicy: string
}

/** What the recipient reads after an upload, or instead of one. */
export interface UploadPageMessages {
  uploading: string
  uploaded: string
  savedAs: string
  another: string
  chooseFile: string
  expired: string
  tooLarge: string
  tooSmall: string
  wrongType: string
  rules: string
  damaged: string
  revoked: string
  notSupported: string
  noBucket: string
  refused: string
  network: string
  server: string
  other: string
}

/** What the page's script is given (inlined in it as JSON). */
export interface UploadPageConfig {
  method: 'PUT' | 'POST'
  url: string
  /** PUT: the headers the URL was signed with. */
  headers: Record<string, string>
  /** POST: the form fields in order (the file and the uploader's Content-Type come after). */
  fields: Record<string, string>
  /** POST: the uploader's Content-Type field must start with this; null when fixed or PUT. */
  contentTypeStartsWith: string | null
  /** The exact key (PUT), or the POST key field (possibly with `${filename}`). */
  keyField: string
  filenameVariable: string
  minBytes: number
  maxBytes: number
  /** Epoch ms. */
  expiresAt: number
  messages: UploadPageMessages
}

/**
 * The page's script, without its configuration: `UploadPage.start(config)` runs it.
 *
 * Plain JavaScript (it runs in any recent browser, as it is), kept free of DOM access outside
 * `start`, so tests can evaluate it and call its pure functions.
 */
export const UPLOAD_PAGE_SCRIPT = String.raw`"use strict";
const UploadPage = (() => {
  /** Which message explains a failed upload, from the method, the HTTP status and S3's XML error. */
  function classifyFailure(method, status, code, message) {
    code = code || '';
    message = message || '';
    if (status === 0) return 'network';
    // A form POST answered without any S3 error: the store did not take it for an S3 request
    // (Swift's s3api passes it on as a Swift path: 412 "Bad URL").
    if (method === 'POST' && !code && status >= 400 && status < 500 && status !== 403) return 'notSupported';
    if (code === 'EntityTooLarge') return 'tooLarge';
    if (code === 'EntityTooSmall') return 'tooSmall';
    if (code === 'ExpiredToken' || code === 'TokenRefreshRequired' || code === 'RequestExpired') return 'expired';
    if (code === 'AccessDenied' && /expired/i.test(message)) return 'expired';
    if (code === 'AccessDenied' && /Policy Condition failed.*Content-Type/i.test(message)) return 'wrongType';
    if (code === 'AccessDenied' && /Invalid according to Policy/i.test(message)) return 'rules';
    if (code === 'SignatureDoesNotMatch' || code === 'AuthorizationQueryParametersError') return 'damaged';
    if (code === 'InvalidAccessKeyId') return 'revoked';
    if (code === 'NotImplemented' || code === 'MethodNotAllowed' || status === 501 || status === 405) return 'notSupported';
    if (code === 'NoSuchBucket') return 'noBucket';
    if (code === 'AccessDenied' || status === 403) return 'refused';
    if (status >= 500 || code === 'SlowDown' || code === 'ServiceUnavailable' || code === 'InternalError') return 'server';
    return 'other';
  }

  function plural(count, one, many) {
    return count + ' ' + (count === 1 ? one : many);
  }

  /** "2 days 3 hours", "3 hours 12 minutes", "12 minutes", "45 seconds". */
  function remainingInWords(ms) {
    const seconds = Math.max(0, Math.floor(ms / 1000));
    const days = Math.floor(seconds / 86400);
    const hours = Math.floor((seconds % 86400) / 3600);
    const minutes = Math.floor((seconds % 3600) / 60);
    if (days > 0) return plural(days, 'day', 'days') + (hours > 0 ? ' ' + plural(hours, 'hour', 'hours') : '');
    if (hours > 0) return plural(hours, 'hour', 'hours') + (minutes > 0 ? ' ' + plural(minutes, 'minute', 'minutes') : '');
    if (minutes > 0) return plural(minutes, 'minute', 'minutes');
    return plural(seconds, 'second', 'seconds');
  }

  /** A file's size, decimal units like the limits: "1.2 MB". */
  function sizeInWords(bytes) {
    const units = ['bytes', 'KB', 'MB', 'GB', 'TB'];
    if (bytes < 1000) return bytes === 1 ? '1 byte' : bytes + ' bytes';
    let value = bytes;
    let unit = 0;
    while (value >= 1000 && unit < units.length - 1) {
      value /= 1000;
      unit += 1;
    }
    return (value < 100 ? Math.round(value * 10) / 10 : Math.round(value)) + ' ' + units[unit];
  }

  /** The Code and Message of an S3 XML error (or of a PostResponse's Key), or empty strings. */
  function readXml(text) {
    const found = { code: '', message: '', key: '' };
    if (!text || typeof DOMParser === 'undefined') return found;
    const xml = new DOMParser().parseFromString(text, 'application/xml');
    const read = (name) => {
      const element = xml.getElementsByTagName(name)[0];
      return element ? element.textContent || '' : '';
    };
    found.code = read('Code');
    found.message = read('Message');
    found.key = read('Key');
    return found;
  }

  function baseName(key) {
    return key.slice(key.lastIndexOf('/') + 1) || key;
  }

  function start(config) {
    const messages = config.messages;
    const form = document.getElementById('upload-form');
    const input = document.getElementById('file');
    const button = document.getElementById('send');
    const chosen = document.getElementById('chosen');
    const countdown = document.getElementById('countdown');
    const progress = document.getElementById('progress');
    const progressText = document.getElementById('progress-text');
    const status = document.getElementById('status');
    const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
    const expiresOn = dateFormat.format(new Date(config.expiresAt));
    let busy = false;
    let expired = false;

    function say(text, tone) {
      status.textContent = text;
      status.setAttribute('data-tone', tone);
    }

    function tick() {
      const left = config.expiresAt - Date.now();
      if (left <= 0) {
        countdown.textContent = 'This link expired on ' + expiresOn + '.';
        if (!expired) {
          expired = true;
          button.disabled = true;
          input.disabled = true;
          if (!busy) say(messages.expired, 'error');
        }
        return;
      }
      countdown.textContent = 'This link works for another ' + remainingInWords(left) + ', until ' + expiresOn + '.';
      setTimeout(tick, Math.min(left, 1000 - (Date.now() % 1000)));
    }

    /** Why this file cannot go, in the page's words, or '' when it can. */
    function refusal(file) {
      if (file.size > config.maxBytes) return messages.tooLarge;
      if (file.size < config.minBytes) return messages.tooSmall;
      if (config.contentTypeStartsWith && !(file.type || '').startsWith(config.contentTypeStartsWith)) return messages.wrongType;
      return '';
    }

    function describe(file) {
      chosen.textContent = file ? file.name + ' (' + sizeInWords(file.size) + ')' : '';
    }

    input.addEventListener('change', () => {
      const file = input.files && input.files[0];
      describe(file);
      progress.hidden = true;
      progressText.hidden = true;
      if (!file) return say('', 'info');
      const why = refusal(file);
      say(why, why ? 'error' : 'info');
    });

    function finish(request, file) {
      busy = false;
      button.disabled = expired;
      input.disabled = expired;
      const xml = readXml(request.responseText);
      if (request.status >= 200 && request.status < 300) {
        const key = xml.key || config.keyField.split(config.filenameVariable).join(file.name);
        let text = messages.uploaded + ' ' + messages.savedAs + ' \u201c' + baseName(key) + '\u201d.';
        if (config.keyField.indexOf(config.filenameVariable) >= 0) text += ' ' + messages.another;
        progress.value = 100;
        progressText.textContent = '100 %';
        say(text, 'success');
        form.reset();
        describe(null);
        return;
      }
      progress.hidden = true;
      progressText.hidden = true;
      const kind = classifyFailure(config.method, request.status, xml.code, xml.message);
      let text = messages[kind];
      if (kind === 'other' || kind === 'server' || kind === 'refused') {
        text += ' (' + (request.status ? 'HTTP ' + request.status : 'no answer') + (xml.code ? ', ' + xml.code : '') + ')';
      }
      say(text, 'error');
    }

    form.addEventListener('submit', (event) => {
      event.preventDefault();
      if (busy || expired) return;
      const file = input.files && input.files[0];
      if (!file) return say(messages.chooseFile, 'error');
      const why = refusal(file);
      if (why) return say(why, 'error');

      const request = new XMLHttpRequest();
      request.open(config.method, config.url);
      let body;
      if (config.method === 'PUT') {
        for (const name of Object.keys(config.headers)) request.setRequestHeader(name, config.headers[name]);
        body = file;
      } else {
        // Built from the configuration, not from the hidden inputs: exactly the signed values.
        body = new FormData();
        for (const name of Object.keys(config.fields)) body.append(name, config.fields[name]);
        if (config.contentTypeStartsWith !== null) body.append('Content-Type', file.type || 'application/octet-stream');
        body.append('file', file, file.name);
      }
      request.upload.addEventListener('progress', (progressEvent) => {
        if (!progressEvent.lengthComputable) return;
        const percent = Math.floor((progressEvent.loaded / progressEvent.total) * 100);
        progress.value = percent;
        progressText.textContent = percent + ' % (' + sizeInWords(progressEvent.loaded) + ' of ' + sizeInWords(progressEvent.total) + ')';
      });
      request.addEventListener('load', () => finish(request, file));
      request.addEventListener('error', () => finish(request, file));
      request.addEventListener('abort', () => finish(request, file));
      busy = true;
      button.disabled = true;
      input.disabled = true;
      progress.value = 0;
      progress.hidden = false;
      progressText.textContent = '0 %';
      progressText.hidden = false;
      say(messages.uploading, 'info');
      request.send(body);
    });

    tick();
  }

  return { classifyFailure, remainingInWords, sizeInWords, readXml, start };
})();
`

/** The page's style: light and dark, readable from a phone to a desktop. */
export const UPLOAD_PAGE_STYLE = `
:root {
  color-scheme: light dark;
  --bg: #f3f5f8; --card: #ffffff; --text: #1b1f24; --muted: #57606a; --border: #d0d7de;
  --accent: #0a5fc7; --accent-text: #ffffff; --ok: #1a7f37; --error: #b42318; --focus: #0a5fc7;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #0d1117; --card: #161b22; --text: #e6edf3; --muted: #9da7b3; --border: #30363d;
    --accent: #58a6ff; --accent-text: #0d1117; --ok: #3fb950; --error: #ff7b72; --focus: #58a6ff;
  }
}
* { box-sizing: border-box; }
[hidden] { display: none !important; }
html { background: var(--bg); }
body {
  margin: 0; min-height: 100vh; display: flex; justify-content: center; align-items: flex-start;
  padding: 3rem 1rem; color: var(--text); background: var(--bg);
  font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
}
main {
  width: 100%; max-width: 34rem; padding: 1.75rem; background: var(--card);
  border: 1px solid var(--border); border-radius: 12px;
}
h1 { margin: 0 0 0.75rem; font-size: 1.5rem; line-height: 1.25; overflow-wrap: anywhere; }
p { margin: 0 0 0.75rem; overflow-wrap: anywhere; }
.note { white-space: pre-line; padding-left: 0.75rem; border-left: 3px solid var(--accent); }
.muted { color: var(--muted); }
form { margin: 1.25rem 0 1rem; display: grid; gap: 0.75rem; }
label { font-weight: 600; }
input[type="file"] {
  width: 100%; padding: 0.75rem; border: 1px dashed var(--border); border-radius: 8px;
  background: var(--bg); color: var(--text); font: inherit;
}
input[type="file"]::file-selector-button {
  margin-right: 0.75rem; padding: 0.4rem 0.8rem; border: 1px solid var(--border);
  border-radius: 6px; background: var(--card); color: var(--text); font: inherit; cursor: pointer;
}
button {
  justify-self: start; padding: 0.6rem 1.4rem; border: 0; border-radius: 8px;
  background: var(--accent); color: var(--accent-text); font: inherit; font-weight: 600;
  cursor: pointer;
}
button:disabled, input:disabled { opacity: 0.55; cursor: not-allowed; }
:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
progress { width: 100%; height: 0.75rem; accent-color: var(--accent); }
#status:empty, #chosen:empty { display: none; }
#status { margin-top: 0.5rem; padding: 0.75rem 1rem; border-radius: 8px; border: 1px solid var(--border); }
#status[data-tone="success"] { color: var(--ok); border-color: var(--ok); font-weight: 600; }
#status[data-tone="error"] { color: var(--error); border-color: var(--error); font-weight: 600; }
footer { margin-top: 1.25rem; font-size: 0.875rem; }
@media (max-width: 30rem) {
  body { padding: 0; }
  main { min-height: 100vh; border: 0; border-radius: 0; padding: 1.25rem; }
  button { justify-self: stretch; }
}
`

/** Text safe inside HTML elements and quoted attributes. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"'\r\n\t]/g, (char) => `&#${char.charCodeAt(0)};`)
}

/**
 * JSON safe inside a `<script>` element, and ASCII only: `<`, `>` and `&` cannot close the
 * element or start a comment, and the hashed text does not depend on the page's encoding.
 */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(
    /[<>&\u007f-\uffff]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`
  )
}

/** The words a page shows for its link's limits and failures. */
export function uploadPageMessages(limits: PostUploadLimits): UploadPageMessages {
  const rule = limits.contentType
  return {
    uploading: 'Uploading…',
    uploaded: 'Your file was uploaded.',
    savedAs: 'It was saved as',
    another: 'You can send another file.',
    chooseFile: 'Choose a file first.',
    expired: 'This link has expired. Ask the sender for a new one.',
    tooLarge: `The file is larger than ${sizeInWords(limits.maxBytes)}. Choose a smaller file.`,
    tooSmall:
      limits.minBytes > 1
        ? `The file is smaller than ${sizeInWords(limits.minBytes)}. Choose a larger file.`
        : 'The file is empty. Choose another file.',
    wrongType:
      rule === null
        ? 'This kind of file cannot be uploaded here.'
        : `Only ${contentTypeInWords(rule)} can be uploaded here.`,
    rules: `The file does not meet this link's rules (${limitsInWords(limits)}).`,
    damaged:
      'The storage service refused this link: it is damaged or was changed. Ask the sender for a new one.',
    revoked:
      "This link no longer works: the sender's access key has been removed. Ask the sender for a new link.",
    notSupported:
      'This storage service does not accept uploads from a web page like this one. Ask the sender for another kind of link.',
    noBucket: 'The place this link uploads to no longer exists. Ask the sender.',
    refused:
      'The storage service refused the upload: this link may no longer store files there. Ask the sender.',
    network:
      'The upload could not reach the storage service. Check your internet connection and try again.',
    server: 'The storage service had a problem. Try again in a moment.',
    other: 'The upload failed.'
  }
}

function accepts(rule: ContentTypeRule | null): string | null {
  if (rule === null) return null
  if (rule.kind === 'exact') return rule.contentType.split(';')[0]!.trim()
  // A picker filter like `image/*`; other prefixes cannot be said as an accept filter.
  return /^[a-z]+\/$/i.test(rule.prefix) ? `${rule.prefix}*` : null
}

/** The UTC time a page shows before its script runs (and without JavaScript). */
function utcText(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`
}

/**
 * The upload page for a link, with its CSP hashes.
 *
 * Refuses (`invalid-argument`) a PUT link to a key with `.` or `..` segments: browsers resolve
 * them before sending, so the upload would reach another path and fail its signature.
 */
export function renderUploadPage(options: UploadPageOptions): UploadPage {
  const { link } = options
  const title = options.title?.trim() || 'Send a file'
  const expiresAt = Math.min(toMs(link.expiresAt), toMs(options.expiresAt ?? link.expiresAt))
  if (!Number.isFinite(expiresAt)) {
    throw new AppError('invalid-argument', 'The upload page needs the time its link expires.')
  }
  const origin = new URL(link.url).origin
  if (!/^https?:\/\//.test(origin)) {
    throw new AppError('invalid-argument', 'The upload page needs an http or https upload URL.')
  }
  if (link.method === 'PUT' && hasDotSegments(link.key)) {
    throw new AppError(
      'invalid-argument',
      'A browser cannot upload to a key with `.` or `..` path segments: it would change the path before sending. Choose another key, or share the curl command.'
    )
  }

  const limits: PostUploadLimits =
    link.method === 'POST'
      ? link.limits
      : {
          minBytes: 0,
          maxBytes: MAX_SINGLE_UPLOAD_BYTES,
          contentType:
            link.contentType === null ? null : { kind: 'exact', contentType: link.contentType }
        }
  const keyField = link.method === 'POST' ? (link.fields.key ?? '') : link.key
  const config: UploadPageConfig = {
    method: link.method,
    url: link.url,
    headers: link.method === 'PUT' ? link.headers : {},
    fields: link.method === 'POST' ? link.fields : {},
    contentTypeStartsWith:
      link.method === 'POST' ? (link.contentTypeField?.startsWith ?? null) : null,
    keyField,
    filenameVariable: FILENAME_VARIABLE,
    minBytes: limits.minBytes,
    maxBytes: limits.maxBytes,
    expiresAt,
    messages: uploadPageMessages(limits)
  }
  const script = `${UPLOAD_PAGE_SCRIPT}UploadPage.start(${scriptJson(config)});\n`
  const style = UPLOAD_PAGE_STYLE
  const csp = [
    "default-src 'none'",
    `script-src 'sha256-${options.sha256Base64(script)}'`,
    `style-src 'sha256-${options.sha256Base64(style)}'`,
    `connect-src ${origin}`,
    link.method === 'POST' ? `form-action ${origin}` : "form-action 'none'",
    "base-uri 'none'"
  ].join('; ')

  const keepsName = keyField.includes(FILENAME_VARIABLE)
  const limitsText = keepsName
    ? `Send one file at a time: ${limitsInWords(limits)}. Each file keeps its own name.`
    : `Send one file: ${limitsInWords(limits)}. It will be saved as “${keyBaseName(keyField) || keyField}”.`
  const accept = accepts(limits.contentType)
  const hiddenFields =
    link.method === 'POST'
      ? [
          ...Object.entries(link.fields).map(
            ([name, value]) =>
              `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`
          ),
          ...(link.contentTypeField === null
            ? []
            : [
                `<input type="hidden" name="Content-Type" value="${escapeHtml(link.contentTypeField.startsWith === '' ? 'application/octet-stream' : link.contentTypeField.startsWith)}">`
              ])
        ]
      : []
  const formAttributes =
    link.method === 'POST'
      ? ` method="post" action="${escapeHtml(link.url)}" enctype="multipart/form-data"`
      : ''
  const noscript =
    link.method === 'PUT'
      ? 'This page needs JavaScript to upload your file.'
      : 'Without JavaScript the form still works, but the answer is a short technical page.'

  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">
<meta name="referrer" content="no-referrer">
<meta name="robots" content="noindex, nofollow">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>${escapeHtml(title)}</title>
<style>${style}</style>
</head>
<body>
<main>
<h1>${escapeHtml(title)}</h1>
${options.note?.trim() ? `<p class="note">${escapeHtml(options.note.trim())}</p>\n` : ''}<p id="limits">${escapeHtml(limitsText)}</p>
<p id="countdown" class="muted">This link works until <time datetime="${new Date(expiresAt).toISOString()}">${utcText(expiresAt)}</time>.</p>
<form id="upload-form"${formAttributes}>
${hiddenFields.join('\n')}${hiddenFields.length > 0 ? '\n' : ''}<label for="file">Choose a file</label>
<input type="file" id="file" name="file" required aria-describedby="limits chosen"${accept === null ? '' : ` accept="${escapeHtml(accept)}"`}>
<p id="chosen" class="muted"></p>
<button type="submit" id="send">Upload</button>
</form>
<progress id="progress" max="100" value="0" aria-label="Upload progress" hidden></progress>
<p id="progress-text" class="muted" hidden></p>
<p id="status" role="status" aria-live="polite" data-tone="info"></p>
<noscript><p>${escapeHtml(noscript)}</p></noscript>
<footer class="muted">The file goes straight to the sender's storage; nothing else is sent.</footer>
</main>
<script>${script}</script>
</body>
</html>
`
  return { html, contentType: 'text/html; charset=utf-8', contentSecurityPolicy: csp }
}

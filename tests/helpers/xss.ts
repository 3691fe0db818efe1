/**
 * HTML/script payloads a clerk could paste (or a hostile roster or bundle could carry) into any
 * free-text field. Each sets the global sentinel __xss to its number if it ever runs, so a page
 * that shows them must end with window.__xss still undefined. Short ones first: fields of 30
 * characters take those.
 */
export const XSS: readonly string[] = [
  '<svg onload=__xss=1>',
  '<img src=x onerror=__xss=2>',
  '<script>__xss=3</script>',
  '"><svg/onload=__xss=4>',
  "'><b onclick=__xss=5>b",
  '{{__xss=6}}${__xss=6}',
  'javascript:__xss=7',
  '<a href="javascript:__xss=8">链接</a>',
  '"><iframe srcdoc="<script>parent.__xss=9</script>">',
  '<details open ontoggle=__xss=10>',
  '<input autofocus onfocus=__xss=11>',
  '<body onload=__xss=12>',
  '<scr<script>ipt>__xss=13</scr</script>ipt>',
  '&lt;img src=x onerror=__xss=14&gt;',
  '<img src=x onerror=__xss=15>שלום مرحبا',
  '<object data="javascript:__xss=16"></object>',
  '<math><mi xlink:href="javascript:__xss=17">x</mi></math>',
  '<a href="data:text/html,<script>__xss=18</script>">x</a>',
  '<video><source onerror=__xss=19></video>',
  '<style>*{background:url("javascript:__xss=20")}</style>',
  '<marquee onstart=__xss=21>走马灯</marquee>',
  '<form><button formaction="javascript:__xss=22">提交</button></form>',
];

/** A bidi override makes text read differently from what is stored: refused at the boundary. */
export const RTL_TRICK = '\u202e<svg onload=__xss=99>';

/** The payload for a field of `max` characters: the i-th one that fits, cycling. */
export function payloadFor(i: number, max: number): string {
  const fitting = XSS.filter((p) => [...p].length <= max);
  return fitting[i % fitting.length]!;
}

/** For long free text (notes, log content): as many payloads as fit, one per line. */
export function allPayloads(max: number): string {
  let out = '';
  for (const p of XSS) if ([...out].length + 1 + [...p].length <= max) out = out ? `${out}\n${p}` : p;
  return out;
}

/**
 * Runs in the page before any script: records CSP violations (an injected script or handler that
 * reached the DOM would trip one) and leaves __xss alone so a payload that runs is seen.
 */
export const PAGE_GUARD = `
  window.__cspViolations = [];
  document.addEventListener('securitypolicyviolation', (e) => window.__cspViolations.push(e.violatedDirective + ' ' + (e.sample || '')));
`;

/** Evaluated in the page: the sentinel, CSP violations and elements only an injection would create. */
export const PAGE_CHECK = `(() => ({
  xss: window.__xss,
  csp: window.__cspViolations,
  injected: [...document.querySelectorAll('[onerror],[onload],[onfocus],[ontoggle],[onstart],[onclick],[formaction],[srcdoc],script:not([src]),iframe,object,embed,math,marquee,video,source,body body')]
    .map((e) => e.outerHTML.slice(0, 80)),
}))()`;

/**
 * The report's whole style sheet, inline (no fonts or files fetched). Its SHA-256 goes into the
 * Content-Security-Policy, so no other inline style (an injected `style` attribute) applies.
 */
export const reportCss = `
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; color: #1f2328; background: #f6f8fa; margin: 0; }
main { max-width: 1180px; margin: 0 auto; padding: 20px 28px 48px; }
header { background: #ffffff; border-bottom: 1px solid #d0d7de; }
header .inner { max-width: 1180px; margin: 0 auto; padding: 18px 28px; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 18px; margin: 32px 0 10px; padding-bottom: 4px; border-bottom: 1px solid #d0d7de; }
h3 { font-size: 15px; margin: 22px 0 8px; }
h4 { font-size: 13px; margin: 12px 0 6px; color: #424a53; }
.sub { color: #59636e; }
.badge { display: inline-block; padding: 2px 10px; border-radius: 12px; font-weight: 600; font-size: 13px; }
.pass { background: #dafbe1; color: #116329; }
.fail { background: #ffebe9; color: #a40e26; }
.none { background: #eaeef2; color: #424a53; }
table { border-collapse: collapse; background: #ffffff; margin: 6px 0 14px; font-variant-numeric: tabular-nums; }
th, td { border: 1px solid #d0d7de; padding: 4px 9px; text-align: left; vertical-align: top; }
th { background: #f0f3f6; font-weight: 600; }
td.num { text-align: right; white-space: nowrap; }
tr.failed td { background: #fff5f5; }
.charts { display: flex; flex-wrap: wrap; gap: 12px; }
figure.chart { margin: 0; background: #ffffff; border: 1px solid #d0d7de; border-radius: 6px; padding: 6px; }
figure.chart figcaption { text-align: center; color: #59636e; font-size: 12px; }
svg .tick { font-size: 11px; fill: #59636e; }
.gallery { display: flex; flex-wrap: wrap; gap: 12px; }
.card { background: #ffffff; border: 1px solid #d0d7de; border-radius: 6px; padding: 8px; width: 216px; font-size: 12px; }
.card .pair { display: flex; gap: 6px; }
.card.wide { width: 318px; }
.card figure { margin: 0; text-align: center; color: #59636e; }
.card img { display: block; width: 96px; height: 96px; object-fit: contain; background: #eaeef2; }
.card .missing { width: 96px; height: 96px; display: flex; align-items: center; justify-content: center; background: #eaeef2; color: #59636e; }
.card p { margin: 4px 0 0; overflow-wrap: anywhere; }
.note { color: #9a6700; }
.hit { color: #a40e26; font-weight: 600; }
details { background: #ffffff; border: 1px solid #d0d7de; border-radius: 6px; padding: 8px 12px; margin: 8px 0; }
pre { white-space: pre-wrap; overflow-wrap: anywhere; font-size: 12px; }
code, .mono { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 12px; overflow-wrap: anywhere; }
`;

import type { SandboxEntry } from '../api/routes/sandbox';

function escapeHtml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const channelLabels: Record<SandboxEntry['channel'], string> = { sms: 'Sms', email: 'E-mail', letter: 'Brief' };

function renderEntry(entry: SandboxEntry): string {
  const subject = entry.subject ? `<div class="subject">${escapeHtml(entry.subject)}</div>` : '';
  const pdf = entry.pdfUrl ? `<a href="${escapeHtml(entry.pdfUrl)}">PDF openen</a>` : '';
  return `<article class="${entry.channel}">
  <header><span class="channel">${channelLabels[entry.channel]}</span> aan <strong>${escapeHtml(entry.to)}</strong>
  <time datetime="${escapeHtml(entry.receivedAt)}">${escapeHtml(entry.receivedAt.replace('T', ' ').slice(0, 19))}</time></header>
  ${subject}<pre>${escapeHtml(entry.text)}</pre>${pdf}
</article>`;
}

/**
 * The sandbox page in Dutch: what citizens would have received, newest first.
 * HTML e-mail bodies are not embedded, so nothing in a message can run on the page.
 */
export function renderSandboxPage(entries: SandboxEntry[]): string {
  const body = entries.length ? entries.map(renderEntry).join('\n') : '<p>Nog geen berichten verstuurd.</p>';
  return `<!doctype html>
<html lang="nl">
<head>
<meta charset="utf-8">
<meta http-equiv="refresh" content="5">
<title>Loketbode sandbox: verstuurde berichten</title>
<style>
body { font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 52rem; color: #1d1d1b; }
article { border: 1px solid #ccc; border-radius: 6px; padding: 0.75rem 1rem; margin-bottom: 1rem; }
article.sms { border-left: 6px solid #2b7a0b; } article.email { border-left: 6px solid #1f5fa8; } article.letter { border-left: 6px solid #a86b1f; }
header { display: flex; gap: 0.5rem; align-items: baseline; } time { margin-left: auto; color: #666; font-size: 0.9em; }
.channel { font-weight: bold; } .subject { font-weight: bold; margin-top: 0.5rem; }
pre { white-space: pre-wrap; font-family: inherit; }
</style>
</head>
<body>
<h1>Sandbox: verstuurde berichten</h1>
<p>Deze pagina toont de sms'en, e-mails en brieven die Loketbode lokaal verstuurde. Niets verlaat deze machine. JSON: <a href="/sandbox/messages.json">/sandbox/messages.json</a>.</p>
${body}
</body>
</html>`;
}

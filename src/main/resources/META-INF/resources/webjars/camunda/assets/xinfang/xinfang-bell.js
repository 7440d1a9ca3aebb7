/*
 * Xinfang Flow (信访流程): the notice bell (通知) in the Tasklist header. Shows how many notices for the
 * logged-in person and their groups are unread (催办, 督办, 退回, 新交办, …), lists the newest on a click,
 * and opens a notice's case file, marking it read. Reads /api/notifications with the Tasklist login
 * (read-only calls ride on it; marking read sends the session's anti-forgery token from GET /api/me,
 * which a page of another site cannot read).
 * All text is set as text, never as HTML.
 */
const POLL_MS = 60000;
let open = false;
let timer = null;

function inTasklist() {
  return window.location.pathname.indexOf('/camunda/app/tasklist/') >= 0;
}

let token = null;

function csrfToken() {
  if (token) {
    return Promise.resolve(token);
  }
  return fetch('/api/me', { credentials: 'same-origin', headers: { Accept: 'application/json' } })
    .then((r) => (r.ok ? r.json() : Promise.reject(r.status)))
    .then((me) => {
      token = me.csrfToken || '';
      return token;
    });
}

function api(path, method) {
  const send = (headers) => fetch(path, { method: method || 'GET', credentials: 'same-origin', headers })
    .then((r) => (r.ok ? r.json() : Promise.reject(r.status)));
  if (!method || method === 'GET') {
    return send({ Accept: 'application/json' });
  }
  return csrfToken().then((t) => send({ Accept: 'application/json', 'X-XSRF-TOKEN': t }));
}

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) {
    node.className = className;
  }
  if (text !== undefined && text !== null) {
    node.textContent = text;
  }
  return node;
}

function when(iso) {
  const d = new Date(iso);
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getMonth() + 1}月${d.getDate()}日 ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

function showCount(item, unread) {
  const badge = item.querySelector('.xf-bell-count');
  badge.textContent = unread > 99 ? '99+' : String(unread);
  badge.style.display = unread > 0 ? '' : 'none';
  item.querySelector('a').title = unread > 0 ? `${unread} 条未读通知` : '没有未读通知';
}

function refresh(item) {
  api('/api/notifications?unreadOnly=true&size=1').then((page) => showCount(item, page.unread)).catch(() => {});
}

function render(item, page) {
  const panel = item.querySelector('.xf-bell-panel');
  panel.replaceChildren();
  panel.appendChild(el('div', 'xf-bell-title', page.unread > 0 ? `通知（${page.unread} 条未读）` : '通知'));
  if (!page.items.length) {
    panel.appendChild(el('div', 'xf-bell-empty', '暂无通知'));
  }
  page.items.forEach((n) => {
    const row = el('a', 'xf-bell-item' + (n.read ? ' xf-read' : ''));
    row.href = n.caseNumber ? `/cases/${encodeURIComponent(n.caseNumber)}` : '#';
    row.target = n.caseNumber ? '_blank' : '';
    row.appendChild(el('span', 'xf-bell-kind', n.kindLabel));
    if (n.caseNumber) {
      row.appendChild(el('span', 'xf-bell-case', n.caseNumber));
    }
    row.appendChild(el('span', 'xf-bell-time', when(n.createdAt)));
    row.appendChild(el('div', 'xf-bell-text', n.message));
    row.addEventListener('click', (event) => {
      if (!n.caseNumber) {
        event.preventDefault();
      }
      if (!n.read) {
        api(`/api/notifications/${n.id}/read`, 'POST').then((r) => {
          row.classList.add('xf-read');
          showCount(item, r.unread);
        }).catch(() => {});
      }
    });
    panel.appendChild(row);
  });
}

function toggle(item, event) {
  event.preventDefault();
  open = !open;
  const panel = item.querySelector('.xf-bell-panel');
  panel.style.display = open ? 'block' : 'none';
  if (open) {
    api('/api/notifications?size=15').then((page) => {
      render(item, page);
      showCount(item, page.unread);
    }).catch(() => {
      panel.replaceChildren(el('div', 'xf-bell-empty', '通知暂时无法读取，请稍后再试'));
    });
  }
}

export function addBell() {
  if (!inTasklist()) {
    return;
  }
  const menu = document.querySelector('[cam-widget-header] nav.app-menu > ul');
  const account = menu && menu.querySelector(':scope > li.account');
  if (!menu || !account || menu.querySelector(':scope > li.xf-bell')) {
    return; // not logged in yet, or already there
  }
  const item = el('li', 'xf-bell');
  const link = el('a');
  link.href = '#';
  link.setAttribute('aria-label', '通知');
  // a word, not an emoji: office PCs often have no colour-emoji font
  link.appendChild(el('span', 'xf-bell-icon', '通知'));
  link.appendChild(el('span', 'xf-bell-count', '0'));
  link.addEventListener('click', (event) => toggle(item, event));
  item.appendChild(link);
  const panel = el('div', 'xf-bell-panel');
  panel.style.display = 'none';
  item.appendChild(panel);
  menu.insertBefore(item, account);
  showCount(item, 0);
  refresh(item);
  if (timer) {
    clearInterval(timer);
  }
  timer = setInterval(() => (document.body.contains(item) ? refresh(item) : clearInterval(timer)), POLL_MS);
}

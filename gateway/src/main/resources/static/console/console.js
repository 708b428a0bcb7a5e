// Keyward console: the guide's "Accounts > Service users" UI, on the public REST API only.
// Plain ES module, no build step. The PAT is kept in sessionStorage for this tab and forgotten on sign-out.

const API = '/api/v2/auth';
const ROLES = ['service-account-manager', 'tenant-admin', 'skylight-admin'];
const PAGE_SIZE = 10;
const main = document.getElementById('main');

// ---- session -------------------------------------------------------------------------------------------------

const session = {
  get token() { return sessionStorage.getItem('keyward.token'); },
  get tenant() { return sessionStorage.getItem('keyward.tenant'); },
  start(token, tenant) {
    sessionStorage.setItem('keyward.token', token);
    sessionStorage.setItem('keyward.tenant', tenant);
  },
  end() {
    sessionStorage.removeItem('keyward.token');
    sessionStorage.removeItem('keyward.tenant');
  },
};

// ---- API -----------------------------------------------------------------------------------------------------

class ApiError extends Error {
  constructor(status, problem) {
    super(problem && problem.detail ? problem.detail : `The request failed (${status}).`);
    this.status = status;
    this.title = problem && problem.title ? problem.title : 'Error';
  }
}

async function api(method, path, { body, contentType = 'application/json', token, tenant } = {}) {
  const headers = {
    'Authorization': `Bearer ${token || session.token}`,
    'X-Forwarded-Tenant-Id': tenant || session.tenant,
  };
  if (body !== undefined) headers['Content-Type'] = contentType;
  const response = await fetch(API + path, {
    method, headers, body: body === undefined ? undefined : JSON.stringify(body), cache: 'no-store',
  });
  const text = await response.text();
  const payload = text ? JSON.parse(text) : null;
  if (!response.ok) {
    if (response.status === 401 && session.token && !token) {
      session.end();
      render(); // the PAT stopped working: back to sign-in
    }
    throw new ApiError(response.status, payload);
  }
  return payload;
}

// ---- small DOM helpers ---------------------------------------------------------------------------------------

function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === false || value === null || value === undefined) continue;
    if (name.startsWith('on')) element.addEventListener(name.slice(2).toLowerCase(), value);
    else if (name === 'text') element.textContent = value;
    else element.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined && child !== false) {
      element.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
  }
  return element;
}

function announce(message) {
  const announcer = document.getElementById('announcer');
  announcer.textContent = '';
  setTimeout(() => { announcer.textContent = message; }, 50);
}

function alertBox(kind, title, message) {
  return h('div', { class: `alert ${kind}`, role: kind === 'error' ? 'alert' : 'status', 'data-testid': `alert-${kind}` },
    title ? h('strong', {}, `${title}: `) : null, message);
}

function showError(container, error) {
  container.replaceChildren(alertBox('error', error.title || 'Error', error.message));
}

function formatDate(value) {
  if (!value) return '—';
  const date = new Date(value);
  return date.toLocaleString(undefined, { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit',
    minute: '2-digit' });
}

function endOfDayUtc(date) {
  return `${date}T23:59:59Z`;
}

function tomorrow() {
  const day = new Date(Date.now() + 24 * 3600 * 1000);
  return day.toISOString().slice(0, 10);
}

function field(id, labelText, input, hint) {
  input.id = id;
  if (hint) input.setAttribute('aria-describedby', `${id}-hint`);
  return h('div', { class: 'field' }, h('label', { for: id }, labelText), input,
    hint ? h('div', { class: 'hint', id: `${id}-hint` }, hint) : null);
}

/**
 * Checks a form (marked novalidate, so that every browser and screen reader gets the same readable message) before
 * anything is sent: required fields filled, dates not before their minimum. Shows one alert naming each field,
 * marks the fields aria-invalid, focuses the first, and answers whether the form may be sent.
 */
function checkForm(form, container) {
  const problems = [];
  for (const input of form.elements) {
    if (input.disabled || !input.id) continue;
    const label = form.querySelector(`label[for="${input.id}"]`)?.textContent.trim() || input.id;
    let problem = null;
    if (input.required && !input.value.trim()) problem = `${label} is required.`;
    else if (input.type === 'date' && input.value && input.min && input.value < input.min) {
      problem = `${label} must be in the future.`;
    }
    if (problem) {
      input.setAttribute('aria-invalid', 'true');
      problems.push({ input, problem });
    } else {
      input.removeAttribute('aria-invalid');
    }
  }
  if (problems.length === 0) return true;
  container.replaceChildren(alertBox('error', 'Check the form', problems.map(p => p.problem).join(' ')));
  problems[0].input.focus();
  return false;
}

function focusHeading() {
  const heading = main.querySelector('h1');
  if (heading) {
    heading.setAttribute('tabindex', '-1');
    heading.focus();
  }
}

/** A confirmation dialog; resolves true when confirmed. Escape or Cancel resolve false. */
function confirmDialog(title, message, confirmLabel) {
  return new Promise(resolve => {
    const dialog = h('dialog', { 'aria-labelledby': 'confirm-title', 'data-testid': 'confirm-dialog' },
      h('h2', { id: 'confirm-title' }, title), h('p', {}, message),
      h('div', { class: 'actions' },
        h('button', { type: 'button', class: 'secondary', onclick: () => dialog.close('cancel') }, 'Cancel'),
        h('button', { type: 'button', class: 'danger', 'data-testid': 'confirm', onclick: () => dialog.close('ok') },
          confirmLabel)));
    dialog.addEventListener('close', () => {
      dialog.remove();
      resolve(dialog.returnValue === 'ok');
    });
    document.body.append(dialog);
    dialog.showModal();
  });
}

/** The PAT, shown this once, with Copy to clipboard and the warning. */
function secretPanel(token, credentialId, onDone) {
  const status = h('span', { role: 'status', 'data-testid': 'copy-status' });
  const panel = h('section', { class: 'secret', 'aria-labelledby': 'secret-title', 'data-testid': 'secret-panel' },
    h('h2', { id: 'secret-title' }, 'Your new personal access token'),
    h('p', {}, h('strong', {}, 'Copy it now: '),
      'this is the only time the token is shown. It cannot be retrieved later; if you lose it, create a new one.'),
    h('code', { 'data-testid': 'pat-value' }, token),
    h('div', { class: 'hint' }, `Credential ID ${credentialId}`),
    h('div', { class: 'actions' },
      status,
      h('button', {
        type: 'button', 'data-testid': 'copy', onclick: async () => {
          try {
            await copy(token);
            status.textContent = 'Copied to clipboard.';
          } catch (e) {
            status.textContent = 'Copying failed: select the token and copy it by hand.';
          }
        },
      }, 'Copy to clipboard'),
      h('button', { type: 'button', class: 'secondary', 'data-testid': 'secret-done', onclick: () => {
        panel.remove();
        if (onDone) onDone();
      } }, 'Done')));
  setTimeout(() => panel.querySelector('[data-testid="copy"]').focus(), 0);
  return panel;
}

/** A trash-can icon, drawn (no icon font needed). */
function trashIcon() {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('width', '18');
  svg.setAttribute('height', '18');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  for (const d of ['M4 7h16', 'M10 11v6', 'M14 11v6', 'M6 7l1 13h10l1-13', 'M9 7V4h6v3']) {
    const path = document.createElementNS(ns, 'path');
    path.setAttribute('d', d);
    path.setAttribute('fill', 'none');
    path.setAttribute('stroke', 'currentColor');
    path.setAttribute('stroke-width', '2');
    path.setAttribute('stroke-linecap', 'round');
    path.setAttribute('stroke-linejoin', 'round');
    svg.append(path);
  }
  return svg;
}

async function copy(text) {
  if (navigator.clipboard && window.isSecureContext) {
    await navigator.clipboard.writeText(text);
    return;
  }
  const area = h('textarea', { 'aria-hidden': 'true', style: 'position:fixed;left:-9999px' });
  area.value = text;
  document.body.append(area);
  area.select();
  const ok = document.execCommand('copy');
  area.remove();
  if (!ok) throw new Error('copy failed');
}

// ---- views ---------------------------------------------------------------------------------------------------

function signInView() {
  const error = h('div');
  const token = h('input', { type: 'password', autocomplete: 'off', required: true, spellcheck: 'false' });
  const tenant = h('input', { type: 'text', autocomplete: 'organization', required: true, spellcheck: 'false' });
  const form = h('form', { class: 'panel signin', 'aria-labelledby': 'signin-title', novalidate: true,
    onsubmit: async event => {
    event.preventDefault();
    if (!checkForm(form, error)) return;
    const pat = token.value.trim();
    const tenantId = tenant.value.trim();
    try {
      await api('POST', '/serviceaccount/search?page=1&pageSize=1',
        { token: pat, tenant: tenantId, body: {}, contentType: 'application/vnd.api+json' });
      session.start(pat, tenantId);
      location.hash = '#/accounts';
      render();
    } catch (e) {
      showError(error, e);
      token.focus();
    }
  } },
  h('h1', { id: 'signin-title' }, 'Sign in'),
  h('p', { class: 'hint' }, 'Use a personal access token of a tenant admin or service account manager.'),
  error,
  field('signin-token', 'Personal access token', token),
  field('signin-tenant', 'Tenant', tenant, 'The X-Forwarded-Tenant-Id of your organization.'),
  h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Sign in')));
  main.replaceChildren(form);
  token.focus();
}

async function accountsView(state) {
  const notice = h('div', { 'data-testid': 'notice' });
  if (state.flash) notice.append(alertBox('success', null, state.flash));
  const secret = h('div');
  const errors = h('div');
  const results = h('div', { 'aria-live': 'polite' });
  const query = h('input', { type: 'search', id: 'search', placeholder: 'Username or name', value: state.query || '',
    'aria-describedby': 'search-hint' });
  query.setAttribute('type', 'text');
  const createButton = h('button', { type: 'button', class: 'icon', 'aria-label': 'Create service user',
    title: 'Create service user', 'data-testid': 'create', 'aria-expanded': 'false' }, '+');
  const formSlot = h('div');

  const tabs = h('div', { class: 'tabs', role: 'tablist', 'aria-label': 'Accounts' },
    h('button', { role: 'tab', 'aria-selected': 'true', id: 'tab-service-users', 'aria-controls': 'panel-service-users',
      type: 'button' }, 'Service users'));

  main.replaceChildren(
    h('h1', {}, 'Accounts'), notice, secret, errors, tabs,
    h('section', { id: 'panel-service-users', role: 'tabpanel', 'aria-labelledby': 'tab-service-users',
      class: 'panel' },
    h('form', { class: 'toolbar', role: 'search', onsubmit: event => {
      event.preventDefault();
      load(1);
    } },
    h('div', { class: 'grow' }, h('label', { for: 'search' }, 'Search service users'), query,
      h('div', { class: 'hint', id: 'search-hint' }, 'Matches the start of a username, or any part of a name.')),
    h('button', { type: 'submit', class: 'secondary' }, 'Search'), createButton),
    formSlot, results));

  createButton.addEventListener('click', () => {
    if (formSlot.firstChild) {
      formSlot.replaceChildren();
      createButton.setAttribute('aria-expanded', 'false');
      return;
    }
    createButton.setAttribute('aria-expanded', 'true');
    formSlot.replaceChildren(createForm(async created => {
      formSlot.replaceChildren();
      createButton.setAttribute('aria-expanded', 'false');
      notice.replaceChildren(alertBox('success', null, `Service user ${created.username} created.`));
      announce(`Service user ${created.username} created.`);
      if (created.pat) {
        secret.replaceChildren(secretPanel(created.pat, created.credentialId, () => createButton.focus()));
      }
      await load(1);
    }, () => {
      formSlot.replaceChildren();
      createButton.setAttribute('aria-expanded', 'false');
      createButton.focus();
    }));
    formSlot.querySelector('input').focus();
  });

  async function load(page) {
    const text = query.value.trim();
    // usernames by their start; if none matches, names containing the text
    const filter = text ? { data: { attributes: { username: { value: text, operator: 'startsWith' } } } } : {};
    try {
      let result = await api('POST', `/serviceaccount/search?page=${page}&pageSize=${PAGE_SIZE}`,
        { body: filter, contentType: 'application/vnd.api+json' });
      if (text && result.meta.total === 0) {
        result = await api('POST', `/serviceaccount/search?page=${page}&pageSize=${PAGE_SIZE}`,
          { body: { data: { attributes: { name: { value: text, operator: 'contains' } } } },
            contentType: 'application/vnd.api+json' });
      }
      errors.replaceChildren();
      results.replaceChildren(accountsTable(result, load));
    } catch (e) {
      showError(errors, e);
    }
  }
  await load(1);
  focusHeading();
}

function accountsTable(result, load) {
  if (result.data.length === 0) {
    return h('p', { class: 'empty', 'data-testid': 'no-accounts' }, 'No service users found.');
  }
  const pages = Math.max(1, Math.ceil(result.meta.total / result.meta.pageSize));
  return h('div', {},
    h('table', { 'data-testid': 'accounts' },
      h('caption', { class: 'visually-hidden' }, 'Service users'),
      h('thead', {}, h('tr', {}, ['Username', 'Name', 'Description', 'Roles', 'Created']
        .map(name => h('th', { scope: 'col' }, name)))),
      h('tbody', {}, result.data.map(resource => {
        const account = resource.attributes;
        return h('tr', { 'data-id': resource.id },
          h('td', {}, h('a', { href: `#/accounts/${resource.id}` }, account.username)),
          h('td', {}, account.name),
          h('td', {}, account.description || ''),
          h('td', {}, (account.roles || []).map(role => h('span', { class: 'badge' }, role))),
          h('td', {}, formatDate(account.createdAt)));
      }))),
    h('nav', { class: 'pager', 'aria-label': 'Pages' },
      h('button', { type: 'button', class: 'secondary', disabled: result.meta.page <= 1,
        onclick: () => load(result.meta.page - 1) }, 'Previous'),
      h('span', { 'data-testid': 'page-info' }, `Page ${result.meta.page} of ${pages} · ${result.meta.total} in all`),
      h('button', { type: 'button', class: 'secondary', disabled: result.meta.page >= pages,
        onclick: () => load(result.meta.page + 1) }, 'Next')));
}

function createForm(onCreated, onCancel) {
  const errors = h('div');
  const name = h('input', { type: 'text', required: true, maxlength: '200' });
  const username = h('input', { type: 'text', required: true, maxlength: '200', spellcheck: 'false' });
  const description = h('textarea', { maxlength: '400' });
  const tokenType = h('select', {}, h('option', { value: 'Bearer' }, 'Bearer'));
  const role = h('select', {}, h('option', { value: '' }, 'No role'),
    ROLES.map(value => h('option', { value }, value)));
  const withPat = h('input', { type: 'checkbox', id: 'create-with-pat' });
  const expiration = h('input', { type: 'date', min: tomorrow(), disabled: true });
  withPat.addEventListener('change', () => {
    expiration.disabled = !withPat.checked;
    expiration.required = withPat.checked;
    if (withPat.checked) expiration.focus();
  });
  const form = h('form', { class: 'panel', 'aria-labelledby': 'create-title', 'data-testid': 'create-form',
    novalidate: true,
    onkeydown: event => { if (event.key === 'Escape') onCancel(); },
    onsubmit: async event => {
      event.preventDefault();
      expiration.min = tomorrow();
      if (!checkForm(form, errors)) return;
      const query = new URLSearchParams();
      if (withPat.checked) query.set('withPAT', 'true');
      if (role.value) query.set('roles', role.value);
      const body = { username: username.value.trim(), name: name.value.trim(), accessTokenType: tokenType.value };
      if (description.value.trim()) body.description = description.value.trim();
      if (withPat.checked) body.expirationDate = endOfDayUtc(expiration.value);
      try {
        const created = await api('POST', `/serviceaccount${query.toString() ? '?' + query : ''}`, { body });
        await onCreated(created);
      } catch (e) {
        showError(errors, e);
        errors.querySelector('[role="alert"]').focus?.();
      }
    } },
  h('h2', { id: 'create-title' }, 'New service user'), errors,
  h('div', { class: 'grid2' },
    field('create-name', 'Name', name, 'A human-readable display name.'),
    field('create-username', 'Username', username, 'Unique in your tenant: letters, digits and . _ @ + -')),
  field('create-description', 'Description', description, 'Optional: what the account is for (up to 400 characters).'),
  h('div', { class: 'grid2' },
    field('create-token-type', 'Access token type', tokenType),
    field('create-role', 'Role', role, 'Roles cannot exceed your own.')),
  h('div', { class: 'field' }, h('label', { class: 'check', for: 'create-with-pat' }, withPat, 'Create with PAT')),
  field('create-expiration', 'Expiration date', expiration, 'Required with a PAT; must be in the future.'),
  h('div', { class: 'actions' },
    h('button', { type: 'button', class: 'secondary', onclick: onCancel }, 'Cancel'),
    h('button', { type: 'submit', class: 'icon', 'aria-label': 'Create', title: 'Create', 'data-testid': 'submit-create' },
      '✓')));
  return form;
}

async function accountView(id, state) {
  const notice = h('div', { 'data-testid': 'notice' });
  if (state.flash) notice.append(alertBox('success', null, state.flash));
  const errors = h('div');
  const secret = h('div');
  main.replaceChildren(h('p', {}, h('a', { href: '#/accounts' }, '← Service users')), h('h1', {}, 'Service user'),
    notice, errors);
  let account;
  try {
    account = await api('GET', `/serviceaccount/${encodeURIComponent(id)}`);
  } catch (e) {
    showError(errors, e);
    focusHeading();
    return;
  }
  main.querySelector('h1').textContent = account.username;

  const name = h('input', { type: 'text', value: account.name, required: true, maxlength: '200' });
  const description = h('textarea', { maxlength: '400' });
  description.value = account.description || '';
  const details = h('form', { class: 'panel', 'aria-labelledby': 'details-title', 'data-testid': 'details',
    onsubmit: async event => {
      event.preventDefault();
      try {
        const updated = await api('PATCH', `/serviceaccount/${id}`,
          { body: { name: name.value.trim(), description: description.value.trim() } });
        notice.replaceChildren(alertBox('success', null, `Saved: ${updated.name}.`));
        announce('Changes saved.');
      } catch (e) {
        showError(errors, e);
      }
    } },
  h('h2', { id: 'details-title' }, 'Details'),
  h('dl', { class: 'meta' },
    h('dt', {}, 'Username'), h('dd', { 'data-testid': 'username' }, account.username),
    h('dt', {}, 'Machine user ID'), h('dd', {}, account.machineUserId),
    h('dt', {}, 'Access token type'), h('dd', {}, account.accessTokenType),
    h('dt', {}, 'Roles'), h('dd', {}, (account.roles || []).length
      ? account.roles.map(role => h('span', { class: 'badge' }, role)) : 'None'),
    h('dt', {}, 'Created'), h('dd', {}, formatDate(account.createdAt))),
  field('detail-name', 'Name', name),
  field('detail-description', 'Description', description),
  h('div', { class: 'actions' }, h('button', { type: 'submit', 'data-testid': 'save' }, 'Save changes')));

  const tokens = h('div', { 'aria-live': 'polite' });
  const addSlot = h('div');
  const addButton = h('button', { type: 'button', 'data-testid': 'add-pat', 'aria-expanded': 'false' }, 'Add');
  const tokensPanel = h('section', { class: 'panel', 'aria-labelledby': 'tokens-title' },
    h('div', { class: 'toolbar' }, h('h2', { id: 'tokens-title', class: 'grow' }, 'Personal tokens'), addButton),
    addSlot, tokens);

  addButton.addEventListener('click', () => {
    if (addSlot.firstChild) {
      addSlot.replaceChildren();
      addButton.setAttribute('aria-expanded', 'false');
      return;
    }
    addButton.setAttribute('aria-expanded', 'true');
    const expiration = h('input', { type: 'date', min: tomorrow(), required: true });
    const addErrors = h('div');
    addSlot.replaceChildren(h('form', { class: 'toolbar', 'data-testid': 'add-pat-form', novalidate: true,
      onsubmit: async event => {
      event.preventDefault();
      expiration.min = tomorrow();
      if (!checkForm(event.target, addErrors)) return;
      try {
        const issued = await api('POST', `/serviceaccount/${id}/pat`,
          { body: { expirationDate: endOfDayUtc(expiration.value) } });
        addSlot.replaceChildren();
        addButton.setAttribute('aria-expanded', 'false');
        secret.replaceChildren(secretPanel(issued.pat, issued.credentialId, () => addButton.focus()));
        notice.replaceChildren(alertBox('success', null, 'Personal token created.'));
        await loadTokens();
      } catch (e) {
        showError(addErrors, e);
      }
    } },
    h('div', { class: 'grow' }, addErrors, h('label', { for: 'pat-expiration' }, 'Expiration date'),
      Object.assign(expiration, { id: 'pat-expiration' }),
      h('div', { class: 'hint' }, 'Must be in the future.')),
    h('button', { type: 'submit', 'data-testid': 'create-pat' }, 'Create')));
    expiration.focus();
  });

  async function loadTokens() {
    try {
      const result = await api('POST', `/serviceaccount/${id}/pat/search?page=1&pageSize=100`,
        { contentType: 'application/vnd.api+json' });
      tokens.replaceChildren(tokensTable(result));
      if (result.meta.total > result.data.length) {
        tokens.append(h('p', { class: 'hint' }, `Showing the first ${result.data.length} of ${result.meta.total} tokens.`));
      }
    } catch (e) {
      showError(errors, e);
    }
  }

  function tokensTable(result) {
    if (result.data.length === 0) {
      return h('p', { class: 'empty', 'data-testid': 'no-tokens' }, 'No personal tokens.');
    }
    return h('table', { 'data-testid': 'tokens' },
      h('caption', { class: 'visually-hidden' }, 'Personal tokens'),
      h('thead', {}, h('tr', {}, ['Credential ID', 'Created', 'Expires', 'Last used', '']
        .map(label => h('th', { scope: 'col' }, label)))),
      h('tbody', {}, result.data.map(resource => {
        const pat = resource.attributes;
        const cell = h('td', { class: 'row-actions' });
        const trash = h('button', { type: 'button', class: 'icon trash', 'aria-label': `Delete token ${resource.id}`,
          title: 'Delete token', 'data-testid': `delete-pat-${resource.id}` }, trashIcon());
        trash.addEventListener('click', () => {
          const keep = h('button', { type: 'button', class: 'secondary', onclick: () => {
            cell.replaceChildren(trash);
            trash.focus();
          } }, 'Keep');
          const remove = h('button', { type: 'button', class: 'danger', 'data-testid': 'confirm-delete-pat',
            onclick: async () => {
              try {
                await api('DELETE', `/serviceaccount/${id}/pat/${resource.id}`);
                notice.replaceChildren(alertBox('success', null,
                  `Personal token ${resource.id} deleted. Integrations using it have lost access.`));
                announce('Personal token deleted.');
                await loadTokens();
                addButton.focus();
              } catch (e) {
                showError(errors, e);
              }
            } }, 'Delete');
          cell.replaceChildren(h('div', { class: 'confirm', role: 'group', 'aria-label': 'Confirm deletion' },
            h('span', {}, 'Delete this token? Integrations using it lose access at once.'), keep, remove));
          remove.focus();
        });
        cell.append(trash);
        return h('tr', { 'data-id': resource.id },
          h('td', {}, resource.id, pat.name ? h('div', { class: 'hint' }, pat.name) : null),
          h('td', {}, formatDate(pat.createdAt)),
          h('td', {}, formatDate(pat.expirationDate)),
          h('td', { 'data-testid': 'last-used' }, pat.lastUsedAt
            ? [formatDate(pat.lastUsedAt), h('div', { class: 'hint' }, pat.lastUsedAddress || '')] : 'Never'),
          cell);
      })));
  }

  const danger = h('section', { class: 'panel', 'aria-labelledby': 'danger-title' },
    h('h2', { id: 'danger-title' }, 'Delete service user'),
    h('p', {}, 'Deleting the service user revokes all of its personal tokens. Integrations using them lose access.'),
    h('div', { class: 'actions' }, h('button', { type: 'button', class: 'danger', 'data-testid': 'delete-account',
      onclick: async () => {
        if (!await confirmDialog('Delete service user?',
          `${account.username} and all of its personal tokens will be deleted. This cannot be undone.`, 'Delete')) {
          return;
        }
        try {
          await api('DELETE', `/serviceaccount/${id}`);
          navigate('#/accounts', { flash: `Service user ${account.username} deleted.` });
        } catch (e) {
          showError(errors, e);
        }
      } }, 'Delete service user')));

  main.append(secret, details, tokensPanel, danger);
  await loadTokens();
  focusHeading();
}

// ---- routing -------------------------------------------------------------------------------------------------

let pendingState = {};

function navigate(hash, state) {
  pendingState = state || {};
  if (location.hash === hash) render();
  else location.hash = hash;
}

async function render() {
  const signedIn = Boolean(session.token);
  document.getElementById('mainnav').hidden = !signedIn;
  document.getElementById('session').hidden = !signedIn;
  document.getElementById('session-tenant').textContent = session.tenant || '';
  const state = pendingState;
  pendingState = {};
  if (!signedIn) {
    signInView();
    return;
  }
  const match = location.hash.match(/^#\/accounts\/(\d+)$/);
  if (match) await accountView(match[1], state);
  else await accountsView(state);
}

document.getElementById('sign-out').addEventListener('click', () => {
  session.end();
  history.replaceState(null, '', location.pathname);
  render();
  announce('Signed out.');
});
window.addEventListener('hashchange', () => render());
render();

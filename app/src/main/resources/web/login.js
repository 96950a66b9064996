// cryptopipe login page: trades the password for an HttpOnly session cookie, then opens the UI.
'use strict';

document.getElementById('login').addEventListener('submit', async (event) => {
  event.preventDefault();
  const error = document.getElementById('login-error');
  error.textContent = '';
  try {
    const response = await fetch('/api/login', {method: 'POST', headers: {'Content-Type': 'application/json'},
      body: JSON.stringify({password: document.getElementById('password').value})});
    if (response.ok) {
      // Back to the page that sent us here (a redirect keeps its #page).
      window.location.assign('/' + window.location.hash);
      return;
    }
    error.textContent = (await response.json()).error || ('HTTP ' + response.status);
  } catch (err) {
    error.textContent = err.message;
  }
});

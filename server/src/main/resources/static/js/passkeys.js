// Passkeys: "Sign in with a passkey" on the login page and "Add a passkey" on the account page.
// Talks to Spring Security's WebAuthn endpoints; the URLs come from data- attributes, the CSRF
// token from the page's <meta name="_csrf"> tags. Without WebAuthn in the browser nothing shows.
"use strict";
(() => {
  const base64url = {
    encode(buffer) {
      const text = String.fromCharCode(...new Uint8Array(buffer));
      return window.btoa(text).replace(/=/g, "").replace(/\+/g, "-").replace(/\//g, "_");
    },
    decode(value) {
      const text = window.atob(value.replace(/-/g, "+").replace(/_/g, "/"));
      return Uint8Array.from(text, (c) => c.charCodeAt(0)).buffer;
    },
  };

  function csrfHeaders() {
    const token = document.querySelector('meta[name="_csrf"]');
    const header = document.querySelector('meta[name="_csrf_header"]');
    return token && header ? { [header.content]: token.content } : {};
  }

  function postJson(url, body) {
    return fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", Accept: "application/json", ...csrfHeaders() },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  }

  // The error paragraphs get their alert role only when they have something to say.
  function show(element, message) {
    element.setAttribute("role", "alert");
    element.textContent = message;
    element.hidden = false;
  }

  async function signIn(button, error) {
    error.hidden = true;
    const optionsResponse = await postJson(button.dataset.optionsUrl);
    if (!optionsResponse.ok) {
      throw new Error("Could not start the passkey login.");
    }
    const options = await optionsResponse.json();
    const credential = await navigator.credentials.get({
      publicKey: {
        ...options,
        challenge: base64url.decode(options.challenge),
        allowCredentials: (options.allowCredentials || []).map((c) => ({ ...c, id: base64url.decode(c.id) })),
      },
    });
    const response = credential.response;
    const loginResponse = await postJson(button.dataset.loginUrl, {
      id: credential.id,
      rawId: base64url.encode(credential.rawId),
      response: {
        authenticatorData: base64url.encode(response.authenticatorData),
        clientDataJSON: base64url.encode(response.clientDataJSON),
        signature: base64url.encode(response.signature),
        userHandle: response.userHandle ? base64url.encode(response.userHandle) : undefined,
      },
      credType: credential.type,
      clientExtensionResults: credential.getClientExtensionResults(),
      authenticatorAttachment: credential.authenticatorAttachment,
    });
    if (!loginResponse.ok) {
      throw new Error("That passkey was not accepted.");
    }
    const result = await loginResponse.json();
    window.location.assign(result.redirectUrl);
  }

  async function register(form, error) {
    error.hidden = true;
    const label = form.elements.label.value.trim();
    if (!label) {
      throw new Error("Give the passkey a name.");
    }
    const optionsResponse = await postJson(form.dataset.optionsUrl);
    if (!optionsResponse.ok) {
      throw new Error("Could not start adding a passkey.");
    }
    const options = await optionsResponse.json();
    const credential = await navigator.credentials.create({
      publicKey: {
        ...options,
        challenge: base64url.decode(options.challenge),
        user: { ...options.user, id: base64url.decode(options.user.id) },
        excludeCredentials: (options.excludeCredentials || []).map((c) => ({ ...c, id: base64url.decode(c.id) })),
      },
    });
    const response = credential.response;
    const registerResponse = await postJson(form.action, {
      publicKey: {
        label,
        credential: {
          id: credential.id,
          rawId: base64url.encode(credential.rawId),
          response: {
            attestationObject: base64url.encode(response.attestationObject),
            clientDataJSON: base64url.encode(response.clientDataJSON),
            transports: response.getTransports ? response.getTransports() : [],
          },
          type: credential.type,
          clientExtensionResults: credential.getClientExtensionResults(),
          authenticatorAttachment: credential.authenticatorAttachment,
        },
      },
    });
    if (!registerResponse.ok) {
      throw new Error("The passkey could not be saved.");
    }
    window.location.assign(form.dataset.doneUrl);
  }

  function failed(error, err) {
    // The user closing the browser's dialog is not worth a scary message.
    const message = err && err.name === "NotAllowedError" ? "No passkey was used." : err.message;
    show(error, message || "Something went wrong with the passkey.");
  }

  document.addEventListener("DOMContentLoaded", () => {
    if (!window.PublicKeyCredential) {
      return;
    }
    const button = document.getElementById("passkey-login");
    const loginError = document.getElementById("passkey-login-error");
    if (button && loginError) {
      button.hidden = false;
      button.addEventListener("click", () => signIn(button, loginError).catch((err) => failed(loginError, err)));
    }
    const section = document.getElementById("passkey-register");
    const form = section && section.querySelector("form");
    const registerError = document.getElementById("passkey-register-error");
    if (form && registerError) {
      section.hidden = false;
      form.addEventListener("submit", (event) => {
        event.preventDefault();
        register(form, registerError).catch((err) => failed(registerError, err));
      });
    }
  });
})();

// The Stepwise reference sign-in page: Amplify JS v6 against a user pool whose custom-auth triggers are Stepwise's.
// Amplify reports every Stepwise step as CONFIRM_SIGN_IN_WITH_CUSTOM_CHALLENGE; the step itself, and everything this
// page shows, comes from the challenge's public parameters in nextStep.additionalInfo (the challenge contract).
import { Amplify } from "aws-amplify";
import { confirmSignIn, fetchAuthSession, signIn, signOut } from "aws-amplify/auth";
import qrcode from "qrcode-generator";
import { PASSKEY_SETUP_STEP, PASSKEY_STEP, renderPasskey } from "./passkey.js";
import { deviceAnswer, deviceScope, deviceSignedIn, isDeviceRound, trustField } from "./devices.js";

const FACTOR_NAMES = {
  email_code: "Email code",
  phone_code: "SMS code",
  totp: "Authenticator app",
  backup_code: "Backup code",
  email_link: "Email link",
  passkey: "Passkey",
  password: "Password",
};

const LINK_ERRORS = {
  link_expired: "That link has expired. We sent you a new one: open the newest email.",
  link_already_used: "That link was already used. Open the newest link we sent, or sign in again.",
  link_invalid: "That link is not for this sign-in. Open the newest link we sent to you.",
  link_superseded: "A newer link was sent since. Open the newest email.",
};

// Refusals of the Stepwise triggers whose text is written for the person signing in; anything else is not shown.
const READABLE_REFUSALS = [
  "Too many failed sign-in attempts.",
  "A code was sent moments ago.",
  "Too many codes were requested.",
  "Codes cannot be sent by text message",
  "We could not send",
  "Too many sign-ins are in progress",
  "We could not complete your sign-in.",
];

const view = document.getElementById("view");
const alertBox = document.getElementById("alert");
const statusBox = document.getElementById("status");
const channel = "BroadcastChannel" in window ? new BroadcastChannel("stepwise-sign-in") : null;
let config = null;
let current = null;
let ticker = null;
let busy = false;
let trustThisDevice = false;

function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === "text") node.textContent = value;
    else if (name.startsWith("on")) node.addEventListener(name.substring(2), value);
    else node.setAttribute(name, value === true ? "" : value);
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined && child !== false) node.append(child);
  }
  return node;
}

let fieldCount = 0;
function field(label, attributes) {
  const id = `field-${++fieldCount}`;
  return [el("label", { for: id, text: label }), el("input", { id, ...attributes })];
}

function show(...nodes) {
  stopTicker();
  view.replaceChildren(...nodes.flat(2).filter((node) => node !== null && node !== undefined));
  const first = view.querySelector("input, button");
  if (first) first.focus();
}

function announce(message) {
  alertBox.textContent = message;
}

function tell(message) {
  statusBox.textContent = message;
}

function clearMessages() {
  alertBox.textContent = "";
  statusBox.textContent = "";
}

function stopTicker() {
  if (ticker) clearInterval(ticker);
  ticker = null;
}

function attemptsText(remaining) {
  const n = Number(remaining);
  return n === 1 ? "1 attempt left" : `${n} attempts left`;
}

/** A live "expires in m:ss" line for the step's expiresAt; says so, and what to do, once it has passed. */
function countdown(expiresAt, what) {
  if (!expiresAt) return null;
  const deadline = Date.parse(expiresAt);
  if (Number.isNaN(deadline)) return null;
  const line = el("p", { class: "meta", id: "countdown", role: "timer" });
  const update = () => {
    const left = Math.max(0, Math.round((deadline - Date.now()) / 1000));
    if (left === 0) {
      line.textContent = `The ${what} has expired.`;
      announce(`The ${what} has expired. Sign in again to get a new one.`);
      stopTicker();
      return;
    }
    line.textContent = `The ${what} expires in ${Math.floor(left / 60)}:${String(left % 60).padStart(2, "0")}.`;
  };
  update();
  setTimeout(() => {
    if (line.isConnected && !ticker) ticker = setInterval(update, 1000);
  });
  return line;
}

async function submit(form, action) {
  if (busy) return;
  busy = true;
  clearMessages();
  const buttons = [...form.querySelectorAll("button")];
  buttons.forEach((b) => (b.disabled = true));
  try {
    await action();
  } finally {
    busy = false;
    buttons.forEach((b) => (b.disabled = false));
  }
}

function startAgainButton() {
  return el("button", { type: "button", class: "secondary", onclick: () => renderStart() }, "Start again");
}

function usesPassword() {
  return config.authFlowType === "CUSTOM_WITH_SRP";
}

function renderStart(username = "") {
  current = null;
  const form = el(
    "form",
    { novalidate: true },
    field("Username", {
      name: "username",
      autocomplete: "username",
      autocapitalize: "none",
      spellcheck: "false",
      required: true,
      value: username,
    }),
    usesPassword()
      ? field("Password", { name: "password", type: "password", autocomplete: "current-password", required: true })
      : null,
    trustField(el),
    el("button", { type: "submit" }, "Sign in"),
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const name = form.elements.username.value.trim();
    if (!name) {
      announce("Enter your username.");
      return;
    }
    trustThisDevice = form.elements.trustDevice.checked;
    submit(form, () => start(name, usesPassword() ? form.elements.password.value : undefined));
  });
  show(el("h1", { text: "Sign in" }), form, devLinks());
}

async function start(username, password) {
  try {
    // snippet: sign-in
    const result = await signIn({
      username,
      password,
      options: { authFlowType: password === undefined ? "CUSTOM_WITHOUT_SRP" : "CUSTOM_WITH_SRP" },
    });
    // end snippet
    await next(result, null, username);
  } catch (error) {
    failed(error, null, username);
  }
}

async function answer(response, previous) {
  try {
    // snippet: answer
    const result = await confirmSignIn({ challengeResponse: response });
    // end snippet
    await next(result, previous);
    return result;
  } catch (error) {
    failed(error, previous);
    return null;
  }
}

/** Renders whatever Amplify reports next: tokens, or the Stepwise step named in additionalInfo. */
async function next(result, previous, username) {
  // snippet: next-step
  const { isSignedIn, nextStep } = result;
  if (isSignedIn) {
    return renderSignedIn();
  }
  if (nextStep.signInStep !== "CONFIRM_SIGN_IN_WITH_CUSTOM_CHALLENGE") {
    return renderUnsupported(nextStep.signInStep);
  }
  const info = nextStep.additionalInfo ?? {}; // step, factor, destination, attemptsRemaining, expiresAt, options...
  // end snippet
  if (isDeviceRound(info)) {
    await answer(deviceAnswer(info.USERNAME ?? username, trustThisDevice), previous);
    return;
  }
  if (info.error) {
    announce(LINK_ERRORS[info.error] ?? "That link cannot be used. Open the newest link we sent.");
  } else if (
    previous &&
    previous.step === info.step &&
    Number(info.attemptsRemaining) < Number(previous.attemptsRemaining)
  ) {
    announce(`That ${noun(info)} was not right. ${attemptsText(info.attemptsRemaining)}.`);
  }
  current = { ...info, username: username ?? previous?.username ?? info.USERNAME };
  renderStep(current);
}

function noun(info) {
  if (info.step === "CONFIRM_SIGN_IN_WITH_EMAIL_LINK") return "link";
  if (info.step === "CONFIRM_SIGN_IN_WITH_BACKUP_CODE") return "backup code";
  if (info.step === PASSKEY_STEP || info.step === PASSKEY_SETUP_STEP) return "passkey";
  return "code";
}

function failed(error, previous, username) {
  const message = describe(error, previous);
  const name = username ?? previous?.username ?? "";
  if (error?.name === "NetworkError" || error?.name === "TooManyRequestsException") {
    announce(message);
    return;
  }
  renderStart(name);
  announce(message);
}

/** A message for the person: what happened and what to do next, never the service's internals. */
function describe(error, previous) {
  const name = error?.name ?? "";
  const message = error?.message ?? "";
  // snippet: refusal
  if (name === "UserLambdaValidationException") {
    // Cognito wraps a trigger's refusal as "<Trigger> failed with error <message>." and adds a full stop.
    const refusal = /AuthChallenge failed with error (.*)$/.exec(message);
    if (refusal && READABLE_REFUSALS.some((start) => refusal[1].startsWith(start))) {
      return `${refusal[1].replace(/\.+$/, "")}.`;
    }
    return "Signing in is not possible right now. Wait a minute and sign in again.";
  }
  // end snippet
  if (name === "NotAuthorizedException" || name === "UserNotFoundException") {
    if (/session is expired|Invalid session/i.test(message)) {
      return "This sign-in took too long and has expired. Sign in again.";
    }
    if (previous && Number(previous.attemptsRemaining) === 1) {
      return `That ${noun(previous)} was not right, and it was the last attempt. Sign in again to get a new one.`;
    }
    return "Sign-in failed: the username, password or answer was not right. Check them and sign in again.";
  }
  if (name === "TooManyRequestsException" || name === "LimitExceededException") {
    return "Too many requests just now. Wait a moment, then try again.";
  }
  if (name === "NetworkError") {
    return "The sign-in service cannot be reached. Check your connection and try again.";
  }
  if (name === "UserAlreadyAuthenticatedException") {
    return "You are already signed in. Sign out first to sign in as someone else.";
  }
  return "Something went wrong while signing in. Sign in again.";
}

function renderStep(info) {
  // snippet: render-step
  if (info.options) return renderChoice(info); // one button per option; the answer is the option itself
  switch (info.step) {
    case "CONFIRM_SIGN_IN_WITH_EMAIL_LINK":
      return renderLinkSent(info); // "check your email"; the answer is the link's token
    case "CONTINUE_SIGN_IN_WITH_TOTP_SETUP":
      return renderTotpSetup(info); // QR code of info.otpauthUri; the answer is the app's first code
    case PASSKEY_STEP:
    case PASSKEY_SETUP_STEP: // info.publicKeyOptions to navigator.credentials; the answer is the credential's JSON
      return renderPasskey(info, { el, show, stepMeta, startAgainButton, submit, answer, announce });
    default:
      return renderCode(info); // email, SMS, TOTP and backup codes; the answer is the code
  }
  // end snippet
}

function renderChoice(info) {
  const options = info.options.split(",").filter(Boolean);
  const first = info.step === "CONTINUE_SIGN_IN_WITH_FIRST_FACTOR_SELECTION";
  const list = el(
    "div",
    { class: "options", role: "group", "aria-label": "Ways to sign in" },
    options.map((option) =>
      el(
        "button",
        {
          type: "button",
          onclick: (event) => submit(list, () => answer(option, info)),
        },
        FACTOR_NAMES[option] ?? option,
      ),
    ),
  );
  show(
    el("h1", { text: first ? "Choose how to sign in" : "Choose a second step" }),
    el("p", { text: first ? "Pick one way to prove it is you." : "One more step: pick how to confirm it is you." }),
    list,
    startAgainButton(),
  );
}

const CODE_STEPS = {
  CONFIRM_SIGN_IN_WITH_EMAIL_CODE: {
    title: "Enter the code we emailed you",
    text: (info) => `We sent a ${info.codeLength ?? ""}-digit code to ${info.destination ?? "your email address"}.`,
    digits: true,
  },
  CONFIRM_SIGN_IN_WITH_SMS_CODE: {
    title: "Enter the code we texted you",
    text: (info) => `We sent a ${info.codeLength ?? ""}-digit code to ${info.destination ?? "your phone"}.`,
    digits: true,
  },
  CONFIRM_SIGN_IN_WITH_TOTP_CODE: {
    title: "Enter the code from your authenticator app",
    text: () => "Open your authenticator app and type the current 6-digit code for this account.",
    digits: true,
  },
  CONFIRM_SIGN_IN_WITH_BACKUP_CODE: {
    title: "Enter a backup code",
    text: (info) =>
      `Type one of the backup codes you saved. Each works once.` +
      (info.backupCodesRemaining ? ` You have ${info.backupCodesRemaining} left.` : ""),
    digits: false,
  },
};

function codeForm(info, digits, extra = []) {
  const form = el(
    "form",
    { novalidate: true },
    field("Code", {
      name: "code",
      autocomplete: "one-time-code",
      inputmode: digits ? "numeric" : "text",
      autocapitalize: "none",
      spellcheck: "false",
      required: true,
    }),
    el("button", { type: "submit" }, "Continue"),
    ...extra,
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const code = form.elements.code.value.trim();
    if (!code) {
      announce("Enter the code.");
      return;
    }
    submit(form, () => answer(code, info));
  });
  return form;
}

function stepMeta(info, what) {
  return [
    info.attemptsRemaining ? el("p", { class: "meta", id: "attempts", text: `${attemptsText(info.attemptsRemaining)}.` }) : null,
    countdown(info.expiresAt, what),
  ];
}

function renderCode(info) {
  const known = CODE_STEPS[info.step] ?? {
    title: "One more step",
    text: () => `Answer the challenge (${info.step ?? "unknown step"}).`,
    digits: false,
  };
  show(
    el("h1", { text: known.title }),
    el("p", { text: known.text(info) }),
    stepMeta(info, "code"),
    codeForm(info, known.digits, [startAgainButton()]),
    devLinks(),
  );
}

function renderTotpSetup(info) {
  const uri = info.otpauthUri ?? "";
  const secret = /[?&]secret=([A-Z2-7]+)/i.exec(uri)?.[1] ?? "";
  // snippet: qr-code
  const qr = qrcode(0, "M");
  qr.addData(uri);
  qr.make();
  const image = el("img", {
    class: "qr",
    src: qr.createDataURL(5, 4),
    alt: "QR code that adds this account to an authenticator app",
  });
  // end snippet
  show(
    el("h1", { text: "Set up your authenticator app" }),
    el("p", { text: "Scan this QR code with your authenticator app, then type the 6-digit code it shows." }),
    image,
    el("p", { id: "secret-label", text: "Cannot scan? Enter this setup key in the app instead:" }),
    el("code", { class: "secret", id: "totp-secret", "aria-labelledby": "secret-label" }, secret.replace(/(.{4})/g, "$1 ").trim()),
    stepMeta(info, "set-up"),
    codeForm(info, true, [startAgainButton()]),
  );
}

function renderLinkSent(info) {
  const paste = el(
    "details",
    {},
    el("summary", { text: "Opened the link in another browser? Paste it here" }),
    linkForm(info),
  );
  show(
    el("h1", { text: "Check your email" }),
    el("p", {
      text: `We sent a sign-in link to ${info.destination ?? "your email address"}. Open it in this browser and keep this tab open: the sign-in finishes here.`,
    }),
    stepMeta(info, "link"),
    paste,
    startAgainButton(),
    devLinks(),
  );
}

function linkForm(info) {
  const form = el(
    "form",
    { novalidate: true },
    field("Link", { name: "link", type: "url", autocomplete: "off", required: true }),
    el("button", { type: "submit" }, "Continue"),
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const link = form.elements.link.value.trim();
    if (!link) {
      announce("Paste the link from the email.");
      return;
    }
    submit(form, () => answer(tokenOf(link), info));
  });
  return form;
}

/** The answer to an email-link step is the link's token (the whole link works too; the token is shorter). */
function tokenOf(link) {
  try {
    return new URL(link).searchParams.get("token") ?? link;
  } catch {
    return link;
  }
}

function renderUnsupported(signInStep) {
  renderStart();
  announce(`This page cannot continue: the user pool asked for ${signInStep}, which is not a Stepwise step.`);
}

async function renderSignedIn(note) {
  current = null;
  // snippet: signed-in
  const { tokens } = await fetchAuthSession();
  const claims = tokens?.idToken?.payload ?? {};
  // end snippet
  if (!tokens?.idToken) {
    renderStart();
    return;
  }
  deviceSignedIn(claims["cognito:username"]);
  const rows = Object.entries(claims).map(([name, value]) =>
    el("tr", {}, el("th", { scope: "row", text: name }), el("td", { text: claimText(name, value) })),
  );
  const out = el("button", {
    type: "button",
    onclick: async () => {
      await signOut();
      renderStart();
      tell("You are signed out.");
    },
  }, "Sign out");
  show(
    el("h1", { text: "Signed in" }),
    el("p", { text: `You are signed in as ${claims["cognito:username"] ?? claims.sub}.` }),
    note ? el("p", { text: note }) : null,
    out,
    el("table", {}, el("caption", { text: "ID token claims" }), el("tbody", {}, rows)),
  );
  out.focus();
}

function claimText(name, value) {
  if ((name === "exp" || name === "iat" || name === "auth_time") && typeof value === "number") {
    return `${value} (${new Date(value * 1000).toISOString()})`;
  }
  return typeof value === "string" ? value : JSON.stringify(value);
}

function devLinks() {
  if (!config.mailbox) return null;
  return el(
    "p",
    { class: "dev" },
    "Development only: codes and links sent by the emulator are in its ",
    el("a", { href: config.mailbox, target: "_blank", rel: "noopener" }, "mailbox"),
    ".",
  );
}

// Email links: the tab that opens the link hands the token to the tab that is waiting on the link step, over a
// BroadcastChannel (same browser, same origin). Tokens are shared through Amplify's localStorage, so both tabs end up
// signed in. With no waiting tab, this tab tries itself (Amplify keeps a sign-in in sessionStorage, so a link opened
// in the tab that started the sign-in works too); failing that, the link was opened in another browser.
if (channel) {
  channel.addEventListener("message", async (event) => {
    const message = event.data ?? {};
    if (message.type !== "link" || current?.step !== "CONFIRM_SIGN_IN_WITH_EMAIL_LINK" || busy) return;
    channel.postMessage({ type: "accepted", id: message.id });
    busy = true;
    clearMessages();
    let result = null;
    try {
      result = await answer(tokenOf(message.token), current);
    } finally {
      busy = false;
    }
    channel.postMessage({
      type: "finished",
      id: message.id,
      signedIn: Boolean(result?.isSignedIn),
      message: alertBox.textContent,
    });
  });
}

function handOver(token) {
  return new Promise((resolve) => {
    if (!channel) {
      resolve(null);
      return;
    }
    const id = `${Date.now()}-${Math.random().toString(36).slice(2)}`;
    let accepted = false;
    const listener = (event) => {
      const message = event.data ?? {};
      if (message.id !== id) return;
      if (message.type === "accepted") accepted = true;
      if (message.type === "finished") {
        channel.removeEventListener("message", listener);
        resolve(message);
      }
    };
    channel.addEventListener("message", listener);
    channel.postMessage({ type: "link", id, token });
    setTimeout(() => {
      if (!accepted) {
        channel.removeEventListener("message", listener);
        resolve(null);
      }
    }, 1500);
  });
}

async function land(token) {
  history.replaceState(null, "", location.pathname.replace(/link\/?$/, ""));
  show(el("h1", { text: "Signing you in" }), el("p", { text: "Finishing the sign-in from your email link…" }));
  const elsewhere = await handOver(token);
  if (elsewhere) {
    if (elsewhere.signedIn) {
      await renderSignedIn("The tab where you started signing in is signed in too.");
    } else {
      show(el("h1", { text: "Continue in your other tab" }), el("p", { text: "The sign-in goes on in the tab where you started it." }));
      if (elsewhere.message) announce(elsewhere.message);
    }
    return;
  }
  try {
    const result = await confirmSignIn({ challengeResponse: token });
    await next(result, null);
  } catch (error) {
    if (error?.name && /Exception$/.test(error.name) && error.name !== "SignInException") {
      failed(error, null);
      return;
    }
    renderStart();
    announce(
      "This link works only in the browser where you started signing in. Open it there (that page can also take " +
        "the pasted link), or sign in again here to get a new link.",
    );
  }
}

async function main() {
  try {
    const response = await fetch("config.json", { cache: "no-store" });
    if (!response.ok) throw new Error(`config.json: HTTP ${response.status}`);
    config = await response.json();
  } catch {
    view.replaceChildren(el("h1", { text: "Sign in" }));
    announce("This page has no usable config.json beside it: it needs the user pool id and app client id.");
    return;
  }
  deviceScope(config.userPoolId, config.userPoolClientId);
  // snippet: configure
  Amplify.configure({
    Auth: {
      Cognito: {
        userPoolId: config.userPoolId,
        userPoolClientId: config.userPoolClientId,
        ...(config.userPoolEndpoint ? { userPoolEndpoint: config.userPoolEndpoint } : {}),
      },
    },
  });
  // end snippet
  const token = new URLSearchParams(location.search).get("token");
  if (token) {
    await land(token);
    return;
  }
  try {
    const { tokens } = await fetchAuthSession();
    if (tokens?.idToken) {
      await renderSignedIn();
      return;
    }
  } catch {
    // No usable session: sign in.
  }
  renderStart();
}

main();

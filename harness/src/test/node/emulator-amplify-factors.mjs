// Signs in through the Stepwise emulator with Amplify JS v6 over a policy with a factor choice and TOTP set-up,
// "email_code|phone_code > totp": choose email_code, answer the emailed code, set up TOTP from the otpauth URI and
// answer its first code. Input (environment): ENDPOINT, POOL_ID, CLIENT_ID, USERNAME, EMAIL.
// Output: one JSON line on stdout; exit code 0 on success.
import { createHmac } from "node:crypto";
import { Amplify } from "aws-amplify";
import { signIn, confirmSignIn, fetchAuthSession } from "aws-amplify/auth";

const { ENDPOINT, POOL_ID, CLIENT_ID, USERNAME, EMAIL } = process.env;

async function latestCode(email) {
  const response = await fetch(`${ENDPOINT}/_aws/ses`);
  const { messages } = await response.json();
  const mine = messages.filter((m) => (m.Destination.ToAddresses || []).includes(email));
  const match = mine.length ? /\b(\d{6})\b/.exec(mine[mine.length - 1].Body.text_part || "") : null;
  if (!match) throw new Error(`no code for ${email} in the mailbox`);
  return match[1];
}

function base32Decode(text) {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  let bits = 0;
  let value = 0;
  const out = [];
  for (const c of text.replace(/=+$/, "")) {
    value = (value << 5) | alphabet.indexOf(c);
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

function totp(secret, now = Date.now()) {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(now / 1000 / 30)));
  const hash = createHmac("sha1", secret).update(counter).digest();
  const offset = hash[hash.length - 1] & 0x0f;
  const binary = hash.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 1000000).padStart(6, "0");
}

async function main() {
  Amplify.configure({
    Auth: { Cognito: { userPoolId: POOL_ID, userPoolClientId: CLIENT_ID, userPoolEndpoint: ENDPOINT } },
  });
  const steps = [];
  const record = (result) => {
    steps.push({ signInStep: result.nextStep.signInStep, step: result.nextStep.additionalInfo?.step ?? null });
    return result;
  };
  const choice = record(await signIn({ username: USERNAME, options: { authFlowType: "CUSTOM_WITHOUT_SRP" } }));
  const options = choice.nextStep.additionalInfo?.options;
  const code = record(await confirmSignIn({ challengeResponse: "email_code" }));
  const setup = record(await confirmSignIn({ challengeResponse: await latestCode(EMAIL) }));
  const uri = setup.nextStep.additionalInfo?.otpauthUri;
  const secret = /[?&]secret=([A-Z2-7]+)/.exec(uri || "");
  if (!secret) throw new Error(`no otpauthUri on step ${JSON.stringify(steps[steps.length - 1])}`);
  const done = record(await confirmSignIn({ challengeResponse: totp(base32Decode(secret[1])) }));
  const session = await fetchAuthSession();
  console.log(
    JSON.stringify({
      signedIn: done.isSignedIn,
      steps,
      options,
      codeFactor: code.nextStep.additionalInfo?.factor,
      otpauthUriPrefix: uri.substring(0, uri.indexOf("?")),
      username: session.tokens.idToken.payload["cognito:username"],
    }),
  );
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(`amplify sign-in failed: ${error.name}: ${error.message}`);
    process.exit(1);
  },
);

// Signs in through the Stepwise emulator with Amplify JS v6 and verifies the tokens with aws-jwt-verify.
// Input (environment): ENDPOINT, POOL_ID, CLIENT_ID, USERNAME, EMAIL, FLOW (CUSTOM_WITHOUT_SRP | CUSTOM_WITH_SRP),
// PASSWORD (CUSTOM_WITH_SRP only). Output: one JSON line on stdout; exit code 0 on success.
import { Amplify } from "aws-amplify";
import { signIn, confirmSignIn, fetchAuthSession } from "aws-amplify/auth";
import { JwtVerifier } from "aws-jwt-verify";

const { ENDPOINT, POOL_ID, CLIENT_ID, USERNAME, EMAIL, FLOW, PASSWORD } = process.env;

async function latestCode(email) {
  const response = await fetch(`${ENDPOINT}/_aws/ses`);
  const { messages } = await response.json();
  const mine = messages.filter((m) => (m.Destination.ToAddresses || []).includes(email));
  const match = mine.length ? /\b(\d{6})\b/.exec(mine[mine.length - 1].Body.text_part || "") : null;
  if (!match) throw new Error(`no code for ${email} in the mailbox`);
  return match[1];
}

async function main() {
  Amplify.configure({
    Auth: { Cognito: { userPoolId: POOL_ID, userPoolClientId: CLIENT_ID, userPoolEndpoint: ENDPOINT } },
  });
  const steps = [];
  const first = await signIn({
    username: USERNAME,
    password: FLOW === "CUSTOM_WITH_SRP" ? PASSWORD : undefined,
    options: { authFlowType: FLOW },
  });
  steps.push(first.nextStep.signInStep);
  if (first.nextStep.signInStep !== "CONFIRM_SIGN_IN_WITH_CUSTOM_CHALLENGE") {
    throw new Error(`unexpected step ${first.nextStep.signInStep}`);
  }
  const stepName = first.nextStep.additionalInfo?.step;
  const done = await confirmSignIn({ challengeResponse: await latestCode(EMAIL) });
  steps.push(done.nextStep.signInStep);
  const session = await fetchAuthSession();
  const idToken = session.tokens.idToken.toString();
  const accessToken = session.tokens.accessToken.toString();

  const issuer = `${ENDPOINT}/${POOL_ID}`;
  const jwksUri = `${issuer}/.well-known/jwks.json`;
  const jwks = await (await fetch(jwksUri)).json();
  const idVerifier = JwtVerifier.create({ issuer, audience: CLIENT_ID, jwksUri });
  idVerifier.cacheJwks(jwks);
  const accessVerifier = JwtVerifier.create({
    issuer,
    audience: null,
    jwksUri,
    customJwtCheck: ({ payload }) => {
      if (payload.token_use !== "access" || payload.client_id !== CLIENT_ID) throw new Error("not our access token");
    },
  });
  accessVerifier.cacheJwks(jwks);
  const idPayload = await idVerifier.verify(idToken);
  const accessPayload = await accessVerifier.verify(accessToken);
  console.log(
    JSON.stringify({
      signedIn: done.isSignedIn,
      steps,
      challengeStep: stepName,
      username: idPayload["cognito:username"],
      idTokenUse: idPayload.token_use,
      accessTokenUse: accessPayload.token_use,
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

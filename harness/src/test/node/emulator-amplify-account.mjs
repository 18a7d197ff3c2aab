// Walks the account steps around sign-in through the Stepwise emulator with Amplify JS v6: signUp / confirmSignUp,
// a password sign-in and fetchUserAttributes, resetPassword / confirmResetPassword, and a NEW_PASSWORD_REQUIRED
// sign-in of a user created with a temporary password whose tokens carry cognito:groups (checked with
// aws-jwt-verify). Input (environment): ENDPOINT, POOL_ID, CLIENT_ID, USERNAME, EMAIL, PASSWORD, NEW_PASSWORD,
// TEMP_USERNAME, TEMP_PASSWORD. Output: one JSON line on stdout; exit code 0 on success.
import { Amplify } from "aws-amplify";
import {
  signUp,
  confirmSignUp,
  signIn,
  signOut,
  confirmSignIn,
  fetchUserAttributes,
  fetchAuthSession,
  resetPassword,
  confirmResetPassword,
} from "aws-amplify/auth";
import { JwtVerifier } from "aws-jwt-verify";

const { ENDPOINT, POOL_ID, CLIENT_ID, USERNAME, EMAIL, PASSWORD, NEW_PASSWORD, TEMP_USERNAME, TEMP_PASSWORD } =
  process.env;

async function latestCode(email, count) {
  for (let i = 0; i < 50; i++) {
    const { messages } = await (await fetch(`${ENDPOINT}/_aws/ses`)).json();
    const mine = messages.filter((m) => (m.Destination.ToAddresses || []).includes(email));
    if (mine.length >= count) {
      const match = /\b(\d{6})\b/.exec(mine[mine.length - 1].Body.text_part || "");
      if (match) return match[1];
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no code number ${count} for ${email} in the mailbox`);
}

async function verified(tokens) {
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
  return {
    id: await idVerifier.verify(tokens.idToken.toString()),
    access: await accessVerifier.verify(tokens.accessToken.toString()),
  };
}

async function main() {
  Amplify.configure({
    Auth: { Cognito: { userPoolId: POOL_ID, userPoolClientId: CLIENT_ID, userPoolEndpoint: ENDPOINT } },
  });
  const result = {};

  const signedUp = await signUp({ username: USERNAME, password: PASSWORD, options: { userAttributes: { email: EMAIL } } });
  result.signUpStep = signedUp.nextStep.signUpStep;
  result.signUpDelivery = signedUp.nextStep.codeDeliveryDetails?.deliveryMedium;
  const confirmed = await confirmSignUp({ username: USERNAME, confirmationCode: await latestCode(EMAIL, 1) });
  result.signUpComplete = confirmed.isSignUpComplete;

  const first = await signIn({ username: USERNAME, password: PASSWORD });
  result.passwordSignIn = first.isSignedIn;
  const attributes = await fetchUserAttributes();
  result.email = attributes.email;
  result.emailVerified = attributes.email_verified;
  await signOut();

  const reset = await resetPassword({ username: USERNAME });
  result.resetStep = reset.nextStep.resetPasswordStep;
  await confirmResetPassword({
    username: USERNAME,
    confirmationCode: await latestCode(EMAIL, 2),
    newPassword: NEW_PASSWORD,
  });
  const again = await signIn({ username: USERNAME, password: NEW_PASSWORD });
  result.signInAfterReset = again.isSignedIn;
  await signOut();

  const temporary = await signIn({ username: TEMP_USERNAME, password: TEMP_PASSWORD });
  result.temporaryStep = temporary.nextStep.signInStep;
  const changed = await confirmSignIn({ challengeResponse: NEW_PASSWORD });
  result.newPasswordSignIn = changed.isSignedIn;
  const { id, access } = await verified((await fetchAuthSession()).tokens);
  result.idGroups = id["cognito:groups"];
  result.accessGroups = access["cognito:groups"];
  result.username = id["cognito:username"];
  await signOut();

  console.log(JSON.stringify(result));
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(`amplify account steps failed: ${error.name}: ${error.message}`);
    process.exit(1);
  },
);

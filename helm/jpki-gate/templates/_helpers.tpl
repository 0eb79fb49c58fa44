{{/* Names and labels. */}}
{{- define "jpki-gate.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "jpki-gate.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{- define "jpki-gate.redisName" -}}
{{- printf "%s-redis" (include "jpki-gate.fullname" .) | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "jpki-gate.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
app.kubernetes.io/name: {{ include "jpki-gate.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- with .Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end -}}

{{/* The gateway's pods. */}}
{{- define "jpki-gate.selectorLabels" -}}
app.kubernetes.io/name: {{ include "jpki-gate.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/component: gateway
{{- end -}}

{{/* The built-in Redis's pod. */}}
{{- define "jpki-gate.redisSelectorLabels" -}}
app.kubernetes.io/name: {{ include "jpki-gate.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/component: redis
{{- end -}}

{{- define "jpki-gate.annotations" -}}
{{- with .Values.commonAnnotations }}
annotations:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end -}}

{{- define "jpki-gate.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "jpki-gate.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{- define "jpki-gate.image" -}}
{{- if .Values.image.digest -}}
{{- printf "%s@%s" .Values.image.repository .Values.image.digest -}}
{{- else -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) -}}
{{- end -}}
{{- end -}}

{{/* The fewest replicas that run: the HPA's minimum, or replicaCount. */}}
{{- define "jpki-gate.minReplicas" -}}
{{- if .Values.autoscaling.enabled -}}{{ int .Values.autoscaling.minReplicas }}{{- else -}}{{ int .Values.replicaCount }}{{- end -}}
{{- end -}}

{{- define "jpki-gate.prod" -}}
{{- if eq .Values.gateway.mode "prod" -}}true{{- end -}}
{{- end -}}

{{/* Where the clients.json comes from: "inline", "configMap", "secret" or "". */}}
{{- define "jpki-gate.clientsSource" -}}
{{- $c := .Values.gateway.clients -}}
{{- if $c.existingSecret -}}secret{{- else if $c.existingConfigMap -}}configMap{{- else if $c.inline -}}inline{{- end -}}
{{- end -}}

{{/* The gateway's config.json: every non-secret setting; secrets are files of mounted Secrets or env from Secrets. */}}
{{- define "jpki-gate.configJson" -}}
{{- $g := .Values.gateway -}}
{{- $http := dict "host" "0.0.0.0" "port" (int .Values.ports.http) "instances" (int $g.httpInstances) -}}
{{- if $g.publicUrl }}{{ $_ := set $http "publicBaseUrl" $g.publicUrl }}{{ end -}}
{{- $tls := dict -}}
{{- if $g.tls.existingSecret }}{{ $_ := set $tls "certFile" "/etc/jpki-gate/tls/tls.crt" }}{{ $_ := set $tls "keyFile" "/etc/jpki-gate/tls/tls.key" }}{{ end -}}
{{- if $g.tls.clientCertHeader }}{{ $_ := set $tls "clientCertHeader" $g.tls.clientCertHeader }}{{ end -}}
{{- if $g.tls.clientCaSecret.name }}{{ $_ := set $tls "clientCaFile" "/etc/jpki-gate/client-ca/ca.pem" }}{{ end -}}
{{- if $tls }}{{ $_ := set $http "tls" $tls }}{{ end -}}
{{- $revocation := dict "refreshSeconds" (int $g.revocation.refreshSeconds) "graceSeconds" (int $g.revocation.graceSeconds) -}}
{{- if $g.revocation.publisherUrl }}{{ $_ := set $revocation "publisherUrl" $g.revocation.publisherUrl }}{{ end -}}
{{- if $g.secrets.ocspResponder.name }}{{ $_ := set $revocation "ocspResponder" (dict "certFile" "/etc/jpki-gate/ocsp/cert.pem" "keyFile" "/etc/jpki-gate/ocsp/key.pem") }}{{ end -}}
{{- $oidc := dict "dpopNonces" $g.oidc.dpopNonces "sessionIdleMinutes" (int $g.oidc.sessionIdleMinutes) "sessionMaxMinutes" (int $g.oidc.sessionMaxMinutes) -}}
{{- if $g.oidc.linkageUrl }}{{ $_ := set $oidc "linkageUrl" $g.oidc.linkageUrl }}{{ end -}}
{{- if include "jpki-gate.clientsSource" . }}{{ $_ := set $oidc "clientsFile" "/etc/jpki-gate/clients/clients.json" }}{{ end -}}
{{- if $g.secrets.pairwise.name }}{{ $_ := set $oidc "pairwiseSecretFile" "/etc/jpki-gate/pairwise/secret" }}{{ end -}}
{{- if $g.secrets.signingKeys.name }}{{ $_ := set $oidc "keysDir" "/etc/jpki-gate/signing-keys" }}{{ end -}}
{{- $keys := dict "algorithm" $g.keys.algorithm "propagationSeconds" (int $g.keys.propagationSeconds) "rotationDays" (int $g.keys.rotationDays) -}}
{{- if $g.secrets.keyEncryptionKey.name }}{{ $_ := set $keys "encryptionKeyFile" "/etc/jpki-gate/kek/kek" }}{{ end -}}
{{- $config := dict "mode" $g.mode "http" $http "dataDir" "/data" "trustAnchors" $g.trustAnchors "revocation" $revocation "oidc" $oidc "keys" $keys -}}
{{- $_ := set $config "admin" (dict "host" (ternary "0.0.0.0" "127.0.0.1" $g.admin.enabled) "port" (int $g.admin.port) "syncSeconds" (int $g.admin.syncSeconds)) -}}
{{- $_ := set $config "metrics" (dict "enabled" true "host" "0.0.0.0" "port" (int .Values.ports.metrics)) -}}
{{- $_ := set $config "shutdown" (dict "delaySeconds" 0 "drainSeconds" (int .Values.shutdown.drainSeconds)) -}}
{{- $_ := set $config "simulator" (dict "enabled" $g.dev.simulator) -}}
{{- if $g.jlis.url }}{{ $_ := set $config "jlis" (dict "url" $g.jlis.url) }}{{ end -}}
{{- toPrettyJson $config -}}
{{- end -}}

{{/* REDIS_URL (and the password it interpolates) as container env; never a secret value in the manifest. */}}
{{- define "jpki-gate.redisEnv" -}}
{{- $r := .Values.redis -}}
{{- if eq $r.mode "builtin" -}}
{{- if $r.builtin.auth.existingSecret }}
- name: REDIS_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ $r.builtin.auth.existingSecret }}
      key: {{ $r.builtin.auth.key }}
- name: REDIS_URL
  value: {{ printf "redis://:$(REDIS_PASSWORD)@%s:6379" (include "jpki-gate.redisName" .) | quote }}
{{- else }}
- name: REDIS_URL
  value: {{ printf "redis://%s:6379" (include "jpki-gate.redisName" .) | quote }}
{{- end }}
{{- else if $r.external.urlSecret.name }}
- name: REDIS_URL
  valueFrom:
    secretKeyRef:
      name: {{ $r.external.urlSecret.name }}
      key: {{ $r.external.urlSecret.key }}
{{- else }}
{{- $e := $r.external -}}
{{- $scheme := ternary "rediss" "redis" $e.tls -}}
{{- if ne $e.topology "standalone" }}{{ $scheme = printf "%s-%s" $scheme $e.topology }}{{ end -}}
{{- $user := "" -}}
{{- if $e.passwordSecret.name }}{{ $user = printf "%s:$(REDIS_PASSWORD)@" $e.username }}{{ else if $e.username }}{{ $user = printf "%s@" $e.username }}{{ end -}}
{{- $query := "" -}}
{{- if eq $e.topology "sentinel" }}{{ $query = printf "?master=%s" $e.sentinelMaster }}{{ end -}}
{{- if $e.passwordSecret.name }}
- name: REDIS_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ $e.passwordSecret.name }}
      key: {{ $e.passwordSecret.key }}
{{- end }}
- name: REDIS_URL
  value: {{ printf "%s://%s%s%s" $scheme $user (join "," $e.hosts) $query | quote }}
{{- end }}
{{- end -}}

{{/* Every mistake in the values, listed at once. */}}
{{- define "jpki-gate.validateValues" -}}
{{- $m := list -}}
{{- $g := .Values.gateway -}}
{{- $prod := eq $g.mode "prod" -}}
{{- if $prod -}}
{{- if not $g.publicUrl }}{{ $m = append $m "gateway.publicUrl: required in prod (the OpenID issuer, https://...)" }}
{{- else if not (hasPrefix "https://" $g.publicUrl) }}{{ $m = append $m (printf "gateway.publicUrl: must be https in prod, got %s" $g.publicUrl) }}{{ end -}}
{{- if not $g.jlis.url }}{{ $m = append $m "gateway.jlis.url: required in prod (J-LIS consent registry and 4-information API)" }}{{ end -}}
{{- if not $g.revocation.publisherUrl }}{{ $m = append $m "gateway.revocation.publisherUrl: required in prod (CRL / OCSP publisher)" }}{{ end -}}
{{- if not $g.secrets.pairwise.name }}{{ $m = append $m "gateway.secrets.pairwise.name: required in prod (an existing Secret with the pairwise-subject secret)" }}{{ end -}}
{{- if not $g.secrets.keyEncryptionKey.name }}{{ $m = append $m "gateway.secrets.keyEncryptionKey.name: required in prod (an existing Secret with the key-encryption key)" }}{{ end -}}
{{- if not $g.secrets.ocspResponder.name }}{{ $m = append $m "gateway.secrets.ocspResponder.name: required in prod (an existing Secret with the OCSP responder certificate and key)" }}{{ end -}}
{{- if eq $g.trustAnchors "sim" }}{{ $m = append $m "gateway.trustAnchors: must be jlis in prod, got sim" }}{{ end -}}
{{- if $g.dev.simulator }}{{ $m = append $m "gateway.dev.simulator: must be false in prod" }}{{ end -}}
{{- else if and $g.dev.simulator (gt (int (include "jpki-gate.minReplicas" .)) 1) -}}
{{- $m = append $m "gateway.dev.simulator: each pod would have its own simulator; run one replica (replicaCount: 1, autoscaling.enabled: false)" -}}
{{- end -}}
{{- $clients := 0 -}}
{{- range (list $g.clients.inline $g.clients.existingConfigMap $g.clients.existingSecret) }}{{ if . }}{{ $clients = add1 $clients }}{{ end }}{{ end -}}
{{- if gt $clients 1 }}{{ $m = append $m "gateway.clients: set only one of inline, existingConfigMap and existingSecret" }}{{ end -}}
{{- if and $g.admin.enabled (not $g.admin.tokensSecret.name) }}{{ $m = append $m "gateway.admin.tokensSecret.name: required with gateway.admin.enabled (an existing Secret with label=sha256hex tokens)" }}{{ end -}}
{{- if and $g.tls.clientCaSecret.name (not $g.tls.existingSecret) (not $g.tls.clientCertHeader) }}{{ $m = append $m "gateway.tls.clientCaSecret: needs client certificates: set gateway.tls.existingSecret or gateway.tls.clientCertHeader" }}{{ end -}}
{{- $ports := list (int .Values.ports.http) (int .Values.ports.metrics) -}}
{{- if $g.admin.enabled }}{{ $ports = append $ports (int $g.admin.port) }}{{ end -}}
{{- if ne (len $ports) (len (uniq $ports)) }}{{ $m = append $m (printf "ports: http, metrics and gateway.admin.port must differ, got %s" (join ", " $ports)) }}{{ end -}}
{{- $r := .Values.redis -}}
{{- if eq $r.mode "external" -}}
{{- $e := $r.external -}}
{{- if and $e.urlSecret.name $e.hosts }}{{ $m = append $m "redis.external: set either urlSecret.name or hosts, not both" }}
{{- else if and (not $e.urlSecret.name) (not $e.hosts) }}{{ $m = append $m "redis.external: needs urlSecret.name (the whole connection string) or hosts" }}{{ end -}}
{{- if and $e.hosts (eq $e.topology "standalone") (gt (len $e.hosts) 1) }}{{ $m = append $m (printf "redis.external.hosts: a standalone Redis has one host, got %d (use topology sentinel or cluster)" (len $e.hosts)) }}{{ end -}}
{{- if and $e.hosts (eq $e.topology "sentinel") (not $e.sentinelMaster) }}{{ $m = append $m "redis.external.sentinelMaster: required with topology sentinel" }}{{ end -}}
{{- if and .Values.networkPolicy.enabled (not .Values.networkPolicy.externalRedis.cidrs) }}{{ $m = append $m "networkPolicy.externalRedis.cidrs: required with external Redis while the NetworkPolicy is on (else the gateway cannot reach it)" }}{{ end -}}
{{- end -}}
{{- if and .Values.networkPolicy.enabled $prod (not .Values.networkPolicy.endpoints) }}{{ $m = append $m "networkPolicy.endpoints: list the CIDRs and ports of J-LIS, the CRL / OCSP publisher (and relying parties' endpoints) while the NetworkPolicy is on in prod" }}{{ end -}}
{{- if and .Values.ingress.enabled (not .Values.ingress.hosts) }}{{ $m = append $m "ingress.hosts: at least one host with ingress.enabled (and for its TLS)" }}{{ end -}}
{{- if and .Values.autoscaling.enabled (gt (int .Values.autoscaling.minReplicas) (int .Values.autoscaling.maxReplicas)) }}{{ $m = append $m "autoscaling.minReplicas: must not exceed autoscaling.maxReplicas" }}{{ end -}}
{{- if $m -}}
{{- fail (printf "\n\nVALUES VALIDATION: %d mistake(s):\n  - %s\n" (len $m) (join "\n  - " $m)) -}}
{{- end -}}
{{- end -}}

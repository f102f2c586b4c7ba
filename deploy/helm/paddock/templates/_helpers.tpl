{{- define "paddock.fullname" -}}
{{- printf "%s-paddock" .Release.Name | trunc 50 | trimSuffix "-" -}}
{{- end -}}

{{- define "paddock.labels" -}}
app.kubernetes.io/part-of: paddock
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}

{{- define "paddock.secretName" -}}
{{- default (printf "%s-secrets" (include "paddock.fullname" .)) .Values.secrets.existingSecret -}}
{{- end -}}

{{- define "paddock.image" -}}
{{- printf "%s/%s:%s" .root.Values.image.registry .name (default .root.Chart.AppVersion .root.Values.image.tag) -}}
{{- end -}}

{{/* What every Paddock pod runs with: non-root, read-only root filesystem, no privilege escalation. */}}
{{- define "paddock.podSecurity" -}}
securityContext:
  runAsNonRoot: true
  runAsUser: 10001
  runAsGroup: 10001
  fsGroup: 10001
  seccompProfile:
    type: RuntimeDefault
{{- end -}}

{{- define "paddock.containerSecurity" -}}
securityContext:
  allowPrivilegeEscalation: false
  readOnlyRootFilesystem: true
  capabilities:
    drop: [ALL]
{{- end -}}

{{- define "paddock.probes" -}}
startupProbe:
  httpGet: {path: /actuator/health/liveness, port: {{ .port }}}
  periodSeconds: 5
  failureThreshold: 36
livenessProbe:
  httpGet: {path: /actuator/health/liveness, port: {{ .port }}}
  periodSeconds: 10
readinessProbe:
  httpGet: {path: /actuator/health/readiness, port: {{ .port }}}
  periodSeconds: 5
{{- end -}}

{{- define "paddock.commonEnv" -}}
- name: SPRING_DATASOURCE_USERNAME
  value: {{ .Values.postgresql.username | quote }}
- name: SPRING_DATASOURCE_PASSWORD
  valueFrom: {secretKeyRef: {name: {{ include "paddock.secretName" . }}, key: database-password}}
{{- if .Values.tracing.otlpEndpoint }}
- name: MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_OTLP_ENDPOINT
  value: {{ .Values.tracing.otlpEndpoint | quote }}
{{- end }}
{{- end -}}

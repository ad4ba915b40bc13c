{{- define "webgarden.name" -}}webgarden-operator{{- end -}}

{{- define "webgarden.fullname" -}}
{{- if contains "webgarden-operator" .Release.Name -}}
{{ .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else -}}
{{ printf "%s-webgarden-operator" .Release.Name | trunc 63 | trimSuffix "-" }}
{{- end -}}
{{- end -}}

{{- define "webgarden.labels" -}}
app.kubernetes.io/name: {{ include "webgarden.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}

{{- define "webgarden.selector" -}}
app.kubernetes.io/name: {{ include "webgarden.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- /*
Without leader election every replica reconciles: two of them would fight over each App.
*/ -}}
{{- define "webgarden.checkReplicas" -}}
{{- if and (not .Values.leaderElection) (gt (int .Values.replicas) 1) -}}
{{- fail (printf "replicas: %d with leaderElection: false would run %d reconcilers for the same Apps; set leaderElection: true or replicas: 1" (int .Values.replicas) (int .Values.replicas)) -}}
{{- end -}}
{{- end -}}

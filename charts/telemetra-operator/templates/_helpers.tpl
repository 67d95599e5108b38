{{/* Name of the chart, overridable by nameOverride. */}}
{{- define "telemetra-operator.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Fully qualified name: the release name, plus the chart name unless the release already has it. */}}
{{- define "telemetra-operator.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else if contains (include "telemetra-operator.name" .) .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name (include "telemetra-operator.name" .) | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "telemetra-operator.selectorLabels" -}}
app.kubernetes.io/name: {{ include "telemetra-operator.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "telemetra-operator.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
{{ include "telemetra-operator.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/component: operator
app.kubernetes.io/part-of: telemetra
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end -}}

{{- define "telemetra-operator.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "telemetra-operator.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{/*
Rules on namespaced resources: everything the operator reads and owns for a pipeline. Bound
cluster-wide (ClusterRole) when watchNamespaces is empty, else by a Role in each namespace.
Secrets are read-only: the operator resolves references, it never writes a Secret.
*/}}
{{- define "telemetra-operator.namespacedRules" -}}
- apiGroups: ["telemetra.io"]
  resources: ["telemetrapipelines"]
  verbs: ["get", "list", "watch", "patch", "update"]
- apiGroups: ["telemetra.io"]
  resources: ["telemetrapipelines/status"]
  verbs: ["get", "patch", "update"]
- apiGroups: ["telemetra.io"]
  resources: ["telemetrapipelines/finalizers"]
  verbs: ["update"]
- apiGroups: ["apps"]
  resources: ["deployments"]
  verbs: ["get", "list", "watch", "create", "update", "patch", "delete"]
- apiGroups: [""]
  resources: ["services", "configmaps"]
  verbs: ["get", "list", "watch", "create", "update", "patch", "delete"]
- apiGroups: ["policy"]
  resources: ["poddisruptionbudgets"]
  verbs: ["get", "list", "watch", "create", "update", "patch", "delete"]
- apiGroups: ["autoscaling"]
  resources: ["horizontalpodautoscalers"]
  verbs: ["get", "list", "watch", "create", "update", "patch", "delete"]
- apiGroups: ["sparkoperator.k8s.io"]
  resources: ["sparkapplications"]
  verbs: ["get", "list", "watch", "create", "update", "patch", "delete"]
# Secrets: read, never written. Watched (Helm release Secrets excluded) so a Secret a pipeline
# names is read from the operator's cache, and creating or rotating it acts within seconds.
- apiGroups: [""]
  resources: ["secrets"]
  verbs: ["get", "list", "watch"]
# Pods: why the API does not roll out (crash loops, image pulls), and none of a pipeline's pods
# left before deletionPolicy Delete drops its data.
- apiGroups: [""]
  resources: ["pods"]
  verbs: ["get", "list", "delete"]
- apiGroups: ["", "events.k8s.io"]
  resources: ["events"]
  verbs: ["create", "patch"]
{{- end -}}

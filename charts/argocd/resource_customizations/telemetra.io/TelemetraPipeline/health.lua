-- Argo CD health check for telemetra.io/TelemetraPipeline.
-- Reads only what the Telemetra operator writes to .status: observedGeneration, phase and the
-- standard conditions (Ready plus TopicsReady, SchemaReady, StreamingReady, ApiReady, DataFlowing, and
-- CheckpointReset and KafkaDataLoss, which only add to a Healthy message, and ReconciliationPaused)
-- and the pause annotation telemetra.io/reconcile.
-- Uses only the Lua base and table libraries (Argo CD's default, no useOpenLibs needed).
local hs = {}

local function condition(typeName)
  if obj.status == nil or obj.status.conditions == nil then
    return nil
  end
  for _, c in ipairs(obj.status.conditions) do
    if c.type == typeName then
      return c
    end
  end
  return nil
end

local function describe(c, fallback)
  if c == nil then
    return fallback
  end
  if c.reason ~= nil and c.reason ~= "" and c.message ~= nil and c.message ~= "" then
    return c.reason .. ": " .. c.message
  end
  if c.message ~= nil and c.message ~= "" then
    return c.message
  end
  if c.reason ~= nil and c.reason ~= "" then
    return c.reason
  end
  return fallback
end

-- The first part (topics, schema, streaming, API) that is not ready, for a more useful message.
local function firstUnreadyPart()
  for _, typeName in ipairs({"TopicsReady", "SchemaReady", "StreamingReady", "ApiReady", "DataFlowing"}) do
    local c = condition(typeName)
    if c ~= nil and c.status ~= "True" then
      return c
    end
  end
  return nil
end

-- Deleting: the operator's finalizer applies the deletion policy before the object goes away.
if obj.metadata ~= nil and obj.metadata.deletionTimestamp ~= nil then
  hs.status = "Progressing"
  hs.message = "Pending deletion"
  if obj.metadata.finalizers ~= nil and #obj.metadata.finalizers > 0 then
    hs.message = "Pending deletion; blocked by finalizers: " .. table.concat(obj.metadata.finalizers, ", ")
  end
  return hs
end

-- Paused by the annotation telemetra.io/reconcile: paused: the operator writes nothing, and the
-- status (possibly for an older generation) is as last observed.
if obj.metadata ~= nil and obj.metadata.annotations ~= nil
    and obj.metadata.annotations["telemetra.io/reconcile"] == "paused" then
  hs.status = "Suspended"
  hs.message = describe(condition("ReconciliationPaused"),
    "Reconciliation is paused by the annotation telemetra.io/reconcile: paused")
  return hs
end

if obj.status == nil or obj.status.observedGeneration == nil then
  hs.status = "Progressing"
  hs.message = "Waiting for the Telemetra operator to reconcile the pipeline"
  return hs
end

-- A status written for an older spec says nothing about the current one.
local generation = 0
if obj.metadata ~= nil and obj.metadata.generation ~= nil then
  generation = obj.metadata.generation
end
if obj.status.observedGeneration < generation then
  hs.status = "Progressing"
  hs.message = "Waiting for the Telemetra operator to observe generation " .. generation
    .. " (status is for generation " .. obj.status.observedGeneration .. ")"
  return hs
end

local ready = condition("Ready")
if ready ~= nil and ready.observedGeneration ~= nil and ready.observedGeneration < generation then
  hs.status = "Progressing"
  hs.message = "Waiting for the Ready condition of generation " .. generation
  return hs
end

local phase = obj.status.phase
-- Suspended once the operator saw the job and the API stop, not as soon as spec.suspend is set.
if phase == "Suspended" then
  hs.status = "Suspended"
  hs.message = describe(ready, "Pipeline is suspended")
  if ready ~= nil and ready.status == "True" then
    hs.message = "Pipeline is suspended"
  end
  return hs
end

if obj.spec ~= nil and obj.spec.suspend == true and phase ~= "Failed" and phase ~= "Degraded" then
  hs.status = "Progressing"
  hs.message = describe(ready, "Suspending")
  return hs
end

if phase == "Failed" or phase == "Degraded" then
  hs.status = "Degraded"
  local part = firstUnreadyPart()
  if part ~= nil then
    hs.message = describe(part, "Pipeline is " .. phase)
  else
    hs.message = describe(ready, "Pipeline is " .. phase)
  end
  return hs
end

if ready ~= nil and ready.status == "True" then
  hs.status = "Healthy"
  hs.message = "Pipeline is running"
  if ready.message ~= nil and ready.message ~= "" then
    hs.message = ready.message
  end
  -- What the streaming job recorded (a checkpoint reset, records lost from Kafka) leaves the
  -- pipeline healthy but is worth seeing in Argo CD.
  for _, typeName in ipairs({"CheckpointReset", "KafkaDataLoss"}) do
    local incident = condition(typeName)
    if incident ~= nil and incident.status == "True" then
      hs.message = hs.message .. "; " .. describe(incident, typeName)
    end
  end
  return hs
end

if ready ~= nil and ready.status == "False" and phase == nil then
  hs.status = "Degraded"
  hs.message = describe(ready, "Pipeline is not ready")
  return hs
end

-- Ready is Unknown or False while the operator is still provisioning (Pending, Provisioning).
hs.status = "Progressing"
local part = firstUnreadyPart()
if part ~= nil then
  hs.message = describe(part, "Provisioning")
else
  hs.message = describe(ready, "Waiting for the pipeline to become ready")
end
return hs

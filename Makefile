# Shortcuts for building, testing and running Telemetra. `make help` lists them.
# Compose targets need Docker; Kubernetes targets need kubectl (and helm for install-operator).

MVN      ?= ./mvnw -B
COMPOSE  ?= docker compose -f compose/docker-compose.yml
VERSION  ?= 0.1.0-SNAPSHOT
REGISTRY ?= telemetra
SERVICE  ?=
TOPIC    ?= telemetra.events.chat
NAMESPACE ?= telemetra-system

.DEFAULT_GOAL := help
.PHONY: help setup build jars images test test-integration local up up-full down restart logs ps \
        health-check kafka-topics kafka-consume db-shell redis-shell clean clean-volumes clean-all \
        install-operator dev-infra demo soak soak-short cluster cluster-down

help: ## List the targets
	@grep -E '^[a-zA-Z_%-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  %-18s %s\n", $$1, $$2}'

setup: ## Create compose/.env from compose/.env.example (kept if it exists)
	@test -f compose/.env || cp compose/.env.example compose/.env
	@echo "compose/.env ready; edit it to change ports, rates, windows and dev credentials"

build: ## Build every module (jars, dashboard, local runner), no tests
	$(MVN) install -DskipTests

jars: ## Build the jars the images copy (operator, producer, streaming, API) and their runtime libraries (target/lib)
	$(MVN) -pl operator/operator,workloads/producer,workloads/streaming,workloads/api -am install -DskipTests

images: jars ## Build the four container images (REGISTRY, VERSION)
	docker build -t $(REGISTRY)/operator:$(VERSION) -f operator/Dockerfile operator/operator
	docker build -t $(REGISTRY)/producer:$(VERSION) workloads/producer
	docker build -t $(REGISTRY)/streaming:$(VERSION) workloads/streaming
	docker build -t $(REGISTRY)/api:$(VERSION) workloads/api

test: ## Run the unit tests
	$(MVN) test

test-integration: ## Run unit and integration tests (real Kafka, Postgres, Redis, Spark, API server)
	$(MVN) verify

local: ## Run the whole pipeline on this machine without Docker (local runner)
	@test -f workloads/local/target/telemetra-local.jar || $(MVN) -q install -DskipTests
	java -jar workloads/local/target/telemetra-local.jar

soak: ## Soak under faults: 20,000 events/s for 20 min (RATE=, DURATION=); report in target/soak
	@test -f workloads/soak/target/telemetra-soak.jar || $(MVN) -q install -DskipTests
	java -jar workloads/soak/target/telemetra-soak.jar --rate $${RATE:-20000} --duration $${DURATION:-20m} --out target/soak

cluster: ## Try the operator on this machine (root): a real single-node cluster, the chart, the demo pipeline
	$(MVN) -q install -DskipTests
	TELEMETRA_CLUSTER_DIR=/var/tmp/telemetra-cluster \
	  $(MVN) -q -pl operator/cluster test-compile exec:java -Dexec.classpathScope=test \
	  -Dexec.mainClass=io.telemetra.operator.cluster.TryOnThisMachine -Dtelemetra.repo.root=$(CURDIR)

# The patterns' [x] keeps pkill from matching this recipe's own shell.
cluster-down: ## Remove what `make cluster` left running (processes, mounts, network, files)
	@pkill -KILL -f 'exec.mainClass=io.telemetra.operator.cluster.[T]ryOnThisMachine' || true
	TELEMETRA_CLUSTER_DIR=/var/tmp/telemetra-cluster operator/cluster/bin/node-down
	@pkill -TERM -f '$(CURDIR)/operator/cluster/target/try/infr[a]/' || true

soak-short: ## The CI variant of the soak: 2,000 events/s for 3 min with every fault
	$(MVN) -q install -DskipTests
	$(MVN) -pl workloads/soak verify -Pe2e -Dit.test=SoakIT

up: setup jars ## Start the pipeline in docker compose (dashboard on http://localhost:8080)
	$(COMPOSE) up -d --build

up-full: setup jars ## Start the pipeline plus Kafka UI (:8888) and pgAdmin (:5050)
	$(COMPOSE) --profile full up -d --build

down: ## Stop the compose services (data volumes are kept)
	$(COMPOSE) --profile full down

restart: ## Restart the compose services
	$(COMPOSE) restart

logs: ## Follow logs of all services, or of one: make logs SERVICE=api
	$(COMPOSE) logs -f --tail=100 $(SERVICE)

logs-%: ## Follow the logs of one service, e.g. make logs-streaming
	$(COMPOSE) logs -f --tail=100 $*

ps: ## List the compose services and their health
	$(COMPOSE) --profile full ps -a

health-check: ## Show service health and ask the API for its readiness
	$(COMPOSE) ps --format 'table {{.Service}}\t{{.State}}\t{{.Health}}'
	curl -fsS http://localhost:$${API_HOST_PORT:-8080}/actuator/health/readiness && echo

kafka-topics: ## List Kafka topics
	$(COMPOSE) exec kafka /opt/kafka/bin/kafka-topics.sh --bootstrap-server localhost:9092 --list

kafka-consume: ## Print 10 records of a topic: make kafka-consume TOPIC=telemetra.events.viewer
	$(COMPOSE) exec kafka /opt/kafka/bin/kafka-console-consumer.sh --bootstrap-server localhost:9092 \
	  --topic $(TOPIC) --from-beginning --max-messages 10 --property print.key=true

db-shell: ## Open psql on the compose Postgres
	$(COMPOSE) exec postgres sh -c 'psql -U "$$POSTGRES_USER" -d "$$POSTGRES_DB"'

redis-shell: ## Open redis-cli on the compose Redis
	$(COMPOSE) exec redis redis-cli

clean: ## Remove the compose containers (keeps data volumes) and Maven build output
	$(COMPOSE) --profile full down --remove-orphans
	$(MVN) -q clean

clean-volumes: ## Remove the compose containers and their data (Kafka, Postgres, Redis, checkpoints)
	$(COMPOSE) --profile full down --volumes --remove-orphans

clean-all: clean-volumes ## Remove containers, data, locally built images and build output
	$(COMPOSE) --profile full down --rmi local --volumes --remove-orphans
	$(MVN) -q clean

install-operator: ## Install or upgrade the operator with Helm into NAMESPACE (telemetra-system)
	helm upgrade --install telemetra-operator charts/telemetra-operator --namespace $(NAMESPACE) --create-namespace --wait

dev-infra: ## Apply throwaway Kafka, Postgres and Redis to namespace telemetra-dev (not for production)
	kubectl apply -k examples/dev-infra/

demo: ## Apply the demo pipeline (with producer) on the dev infra and wait until Ready
	kubectl -n telemetra-dev apply -f examples/demo-producer.yaml
	kubectl -n telemetra-dev wait tp/demo --for=condition=Ready --timeout=15m

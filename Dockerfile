# syntax=docker/dockerfile:1
# JPKI Gate's gateway image: the shaded jar on a slim Java 21 runtime, as a non-root user, with a
# read-only root filesystem in mind (state under /data, scratch under /tmp: volumes).
#   docker build -t jpki-gate/gateway:0.1.0 .
# The chart (helm/jpki-gate) runs it with --config /etc/jpki-gate/config/config.json.

# Build: the gateway and the modules it needs; tests run in CI, not here.
FROM maven:3.9.9-eclipse-temurin-21 AS build
WORKDIR /src
COPY . .
RUN mvn -B -ntp -pl gateway -am package -DskipTests

# Run: the JRE only.
FROM eclipse-temurin:21.0.5_11-jre-noble
RUN groupadd --system --gid 10001 jpki \
    && useradd --system --uid 10001 --gid 10001 --home-dir /data --no-create-home --shell /usr/sbin/nologin jpki \
    && mkdir -p /data /opt/jpki-gate \
    && chown 10001:10001 /data
COPY --from=build /src/gateway/target/jpki-gate.jar /opt/jpki-gate/jpki-gate.jar
USER 10001:10001
WORKDIR /data
ENV JPKI_GATE_DATA_DIR=/data
VOLUME ["/data", "/tmp"]
# 8080 public listener, 8082 admin API (internal), 9090 metrics (internal).
EXPOSE 8080 8082 9090
# Heap from the container's memory limit; an OutOfMemoryError ends the process so Kubernetes restarts it.
# The shell-less exec form: SIGTERM reaches the JVM, which drains (shutdown.drainSeconds) and exits.
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=70", "-XX:InitialRAMPercentage=50", "-XX:+ExitOnOutOfMemoryError", \
            "-Djava.io.tmpdir=/tmp", "-jar", "/opt/jpki-gate/jpki-gate.jar"]

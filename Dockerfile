# Gateway image: build the jar first with ./mvnw -DskipTests package
FROM eclipse-temurin:17-jre
WORKDIR /opt/swg
COPY target/single-window-gateway-*.jar /opt/swg/swg.jar
# Dev PKI for the default (dev) profile only; the prod profile refuses it and mounts real keys.
COPY certs/dev /opt/swg/certs/dev
EXPOSE 8080
VOLUME /opt/swg/data
# G1 regions of 8 MB: a message at the 2 MB cap and its copies are then ordinary objects that a
# collection can move, not humongous ones pinning 1 MB regions, and large buffers (the embedded
# H2's chunk writes) find contiguous room more often (docs/performance.md, "Memory at the size cap").
# No class unloading in G1's concurrent cycle: the gateway defines its classes at start-up, and
# unloading the few dead ones took most of each remark pause (32 ms on average against 5 ms without,
# docs/performance.md); a full GC still unloads them.
ENTRYPOINT ["java", "-XX:G1HeapRegionSize=8m", "-XX:-ClassUnloadingWithConcurrentMark", "-jar", "/opt/swg/swg.jar"]

# Gateway image: build the jar first with ./mvnw -DskipTests package
FROM eclipse-temurin:17-jre
WORKDIR /opt/swg
COPY target/single-window-gateway-*.jar /opt/swg/swg.jar
# Dev PKI for the default (dev) profile only; the prod profile refuses it and mounts real keys.
COPY certs/dev /opt/swg/certs/dev
EXPOSE 8080
VOLUME /opt/swg/data
ENTRYPOINT ["java", "-jar", "/opt/swg/swg.jar"]

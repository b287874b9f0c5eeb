# isoprobe for the Jetty 12 distribution: copy this file to ${jetty.base}/modules/,
# etc/isoprobe.xml to ${jetty.base}/etc/ and isoprobe-jetty-<version>.jar to
# ${jetty.base}/lib/isoprobe/, then: java -jar $JETTY_HOME/start.jar --add-modules=isoprobe

[description]
Drains isoprobe's probes in every web application when the server stops: before Jetty touches
a connector, readiness answers 503 draining for each application's isoprobe.shutdown.drain-delay,
then every probe in flight is answered. The applications bring isoprobe in WEB-INF/lib
(IsoprobeFilter in web.xml, or the Spring Boot starter); this module brings only the hook.

[tags]
isoprobe

[depend]
server

[lib]
lib/isoprobe/*.jar

[xml]
etc/isoprobe.xml

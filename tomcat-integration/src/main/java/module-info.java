/** The server-level drain hook for isoprobe's web applications on Tomcat. */
module dev.isoprobe.tomcat {
  exports dev.isoprobe.tomcat;

  requires transitive org.apache.tomcat.embed.core;
}

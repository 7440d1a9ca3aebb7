package cn.xinfang.flow;

import javax.xml.datatype.DatatypeFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Xinfang Flow: petition handling on the Camunda 7 engine. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class XinfangFlowApplication {

  static {
    // The engine parses every timer cycle (each reminder of a supervision task) with a new DatatypeFactory, and
    // without this property each one is searched for through the service loader over every jar of the
    // application: an eighth of an escalation's time (issue 12). This names the JDK's own implementation,
    // the one the search ends with; a value set on the command line is kept.
    if (System.getProperty(DatatypeFactory.DATATYPEFACTORY_PROPERTY) == null) {
      System.setProperty(DatatypeFactory.DATATYPEFACTORY_PROPERTY, DatatypeFactory.DATATYPEFACTORY_IMPLEMENTATION_CLASS);
    }
  }

  public static void main(String[] args) {
    SpringApplication.run(XinfangFlowApplication.class, args);
  }
}

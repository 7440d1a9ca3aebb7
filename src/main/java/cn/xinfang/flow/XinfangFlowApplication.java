package cn.xinfang.flow;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Xinfang Flow: petition handling on the Camunda 7 engine. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class XinfangFlowApplication {

  public static void main(String[] args) {
    SpringApplication.run(XinfangFlowApplication.class, args);
  }
}

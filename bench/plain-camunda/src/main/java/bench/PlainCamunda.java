package bench;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** A Camunda 7.24 application with nothing of its own: the benchmark's start-to-ready baseline. */
@SpringBootApplication
public class PlainCamunda {

  public static void main(String[] args) {
    SpringApplication.run(PlainCamunda.class, args);
  }
}

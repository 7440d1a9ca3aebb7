package cn.xinfang.flow.petitioner;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * {@code /public/cases}: the petitioner's page (static HTML, CSS and script in the jar, no CDN). It holds
 * no data; everything comes from {@code /public/api} once the case number and query code are checked.
 * {@code /public/**} is the only part of the site open without a staff login, and it reaches nothing
 * but this controller's answers (system/SecurityConfiguration guards {@code /api} and {@code /engine-rest}).
 */
@Configuration
class PetitionerPage implements WebMvcConfigurer {

  @Override
  public void addViewControllers(ViewControllerRegistry registry) {
    registry.addViewController("/public/cases").setViewName("forward:/public/index.html");
    registry.addRedirectViewController("/public/cases/", "/public/cases");
    registry.addRedirectViewController("/public", "/public/cases");
  }
}

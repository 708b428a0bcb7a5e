package io.keyward.gateway;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The web console, served from the entry point (static files under {@code /console/}, built with the jar: no
 * front-end toolchain). It talks to the public API of the same origin, nothing else, which its Content Security
 * Policy enforces.
 */
@Controller
class ConsoleController {

    @GetMapping("/")
    String root() {
        return "redirect:/console/";
    }

    @GetMapping({"/console", "/console/"})
    String console() {
        return "forward:/console/index.html";
    }

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> consoleSecurityHeaders() {
        var registration = new FilterRegistrationBean<OncePerRequestFilter>(new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
                                            FilterChain chain) throws ServletException, IOException {
                response.setHeader("Content-Security-Policy", "default-src 'none'; script-src 'self'; "
                        + "style-src 'self'; connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'self'; "
                        + "frame-ancestors 'none'");
                response.setHeader("X-Content-Type-Options", "nosniff");
                response.setHeader("Referrer-Policy", "no-referrer");
                response.setHeader("Cache-Control", "no-cache");
                chain.doFilter(request, response);
            }
        });
        registration.addUrlPatterns("/console/*", "/console");
        return registration;
    }
}

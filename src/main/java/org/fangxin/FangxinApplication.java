package org.fangxin;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Fangxin: a prepaid-consumption platform where prepaid money sits in bank escrow until it is earned. */
@SpringBootApplication
@EnableScheduling
public class FangxinApplication {

    public static void main(String[] args) {
        SpringApplication.run(FangxinApplication.class, args);
    }
}

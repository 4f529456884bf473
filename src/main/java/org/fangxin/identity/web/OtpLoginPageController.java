package org.fangxin.identity.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.fangxin.identity.OneTimeCodes;
import org.fangxin.shared.Rejection;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.csrf.CsrfAuthenticationStrategy;
import org.springframework.security.web.csrf.HttpSessionCsrfTokenRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Consumer login by SMS code on the web: step one sends the code, step two checks it and logs the consumer into a
 * session. Security 6+ no longer saves a context set by hand, so the context is saved explicitly to the session.
 */
@Controller
class OtpLoginPageController {

    private final OneTimeCodes codes;
    private final SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();
    private final SecurityContextHolderStrategy holder = SecurityContextHolder.getContextHolderStrategy();
    private final CsrfAuthenticationStrategy csrf = new CsrfAuthenticationStrategy(new HttpSessionCsrfTokenRepository());

    OtpLoginPageController(OneTimeCodes codes) {
        this.codes = codes;
    }

    @GetMapping("/login/otp")
    String form(@RequestParam(required = false) String mobile, Model model) {
        model.addAttribute("mobile", mobile == null ? "" : mobile);
        return "identity/login-otp";
    }

    @PostMapping("/login/otp/send")
    String send(@RequestParam(defaultValue = "") String mobile, Model model) {
        model.addAttribute("mobile", mobile);
        try {
            var sent = codes.send(mobile);
            model.addAttribute("sent", sent);
        } catch (Rejection rejection) {
            model.addAttribute("errorKey", "identity.otp.error." + rejection.type().slug());
        }
        return "identity/login-otp";
    }

    @PostMapping("/login/otp")
    String verify(@RequestParam(defaultValue = "") String mobile, @RequestParam(defaultValue = "") String code,
                  @RequestParam(defaultValue = "false") boolean consent,
                  HttpServletRequest request, HttpServletResponse response, Model model) {
        try {
            var verified = codes.verify(mobile, code, consent);
            FangxinPrincipal principal = new FangxinPrincipal(verified.account(), null);
            SecurityContext context = holder.createEmptyContext();
            context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(principal, null, principal.getAuthorities()));
            holder.setContext(context);
            // A new session id on login, so a session id planted before login (fixation) is worthless afterwards.
            request.getSession(true);
            request.changeSessionId();
            contexts.saveContext(context, request, response);
            // As form login does: a fresh CSRF token for the authenticated session.
            csrf.onAuthentication(context.getAuthentication(), request, response);
            return "redirect:/home";
        } catch (Rejection rejection) {
            model.addAttribute("mobile", mobile);
            model.addAttribute("codeStep", true);
            model.addAttribute("errorKey", "identity.otp.error." + rejection.type().slug());
            return "identity/login-otp";
        }
    }
}

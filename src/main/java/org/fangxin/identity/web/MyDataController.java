package org.fangxin.identity.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.fangxin.identity.Actor;
import org.fangxin.identity.MyAccount;
import org.fangxin.shared.Rejection;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A consumer's personal data: the rules ({@code /public/privacy}), a copy of everything kept
 * ({@code GET /api/v1/me/data}, {@code /me/data}) and closing the account ({@code POST /api/v1/me/closure}, the
 * {@code /me/privacy} page).
 */
@Controller
class MyDataController {

    private final MyAccount account;

    MyDataController(MyAccount account) {
        this.account = account;
    }

    @GetMapping("/public/privacy")
    String rules() {
        return "identity/privacy-rules";
    }

    @GetMapping({"/api/v1/me/data", "/me/data"})
    ResponseEntity<Map<String, Object>> download(Actor actor) {
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"fangxin-my-data.json\"")
                .contentType(MediaType.APPLICATION_JSON)
                .body(account.export(actor));
    }

    @PostMapping("/api/v1/me/closure")
    @ResponseBody
    ResponseEntity<Void> close(Actor actor) {
        account.close(actor);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/me/privacy")
    String page(Actor actor, Model model) {
        return "identity/my-privacy";
    }

    @PostMapping("/me/closure")
    String closeFromPage(Actor actor, @RequestParam(defaultValue = "false") boolean confirm, HttpServletRequest request,
                         HttpServletResponse response, RedirectAttributes redirect) {
        if (!confirm) {
            redirect.addFlashAttribute("errorKey", "identity.privacy.confirmNeeded");
            return "redirect:/me/privacy";
        }
        try {
            account.close(actor);
        } catch (Rejection rejection) {
            redirect.addFlashAttribute("error", rejection.getLocalizedMessage());
            return "redirect:/me/privacy";
        }
        SecurityContextHolder.clearContext();
        var session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
        return "redirect:/login?closed";
    }
}

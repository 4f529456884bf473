package org.fangxin.notification.web;

import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.fangxin.identity.Actor;
import org.fangxin.notification.NotificationView;
import org.fangxin.notification.Notifications;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

@Controller
class NotificationController {

    private final Notifications notifications;

    NotificationController(Notifications notifications) {
        this.notifications = notifications;
    }

    @GetMapping("/api/v1/notifications")
    @ResponseBody
    List<NotificationView> inbox(Actor actor, @RequestParam(defaultValue = "50") int limit, Locale locale) {
        return notifications.inbox(actor, limit, locale);
    }

    @PostMapping("/api/v1/notifications/{id}/read")
    ResponseEntity<Void> markRead(Actor actor, @PathVariable UUID id) {
        notifications.markRead(actor, id);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/notifications")
    String page(Actor actor, Model model, Locale locale) {
        model.addAttribute("messages", notifications.inbox(actor, Notifications.PAGE_SIZE_MAX, locale));
        return "notification/inbox";
    }

    @PostMapping("/notifications/{id}/read")
    String read(Actor actor, @PathVariable UUID id) {
        notifications.markRead(actor, id);
        return "redirect:/notifications";
    }
}

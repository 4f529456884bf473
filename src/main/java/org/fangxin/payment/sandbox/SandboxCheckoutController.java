package org.fangxin.payment.sandbox;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.fangxin.shared.Rejection;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

/** The sandbox gateway's checkout page (anonymous, as a provider's hosted page is): shows the amount, Pay or Cancel. */
@ConditionalOnProperty(name = "fangxin.payment.sandbox.enabled", havingValue = "true")
@Controller
class SandboxCheckoutController {

    private final SandboxGateway gateway;

    SandboxCheckoutController(SandboxGateway gateway) {
        this.gateway = gateway;
    }

    @GetMapping("/public/sandbox-pay/{providerOrderId}")
    String checkout(@PathVariable String providerOrderId, Model model) {
        model.addAttribute("checkout", gateway.checkout(providerOrderId)
                .orElseThrow(() -> Rejection.notFound("sandbox order")));
        return "payment/sandbox-checkout";
    }

    @PostMapping("/public/sandbox-pay/{providerOrderId}/pay")
    String pay(@PathVariable String providerOrderId) {
        gateway.pay(providerOrderId);
        return "redirect:/public/sandbox-pay/" + providerOrderId;
    }

    @PostMapping("/public/sandbox-pay/{providerOrderId}/cancel")
    String cancel(@PathVariable String providerOrderId) {
        gateway.cancel(providerOrderId);
        return "redirect:/public/sandbox-pay/" + providerOrderId;
    }
}

package org.fangxin.payment.sandbox;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.fangxin.shared.Rejection;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The sandbox gateway's checkout page (anonymous, as a provider's hosted page is): shows the amount, Pay or Cancel. */
@ConditionalOnProperty(name = "fangxin.payment.sandbox.enabled", havingValue = "true")
@Controller
class SandboxCheckoutController {

    private final SandboxGateway gateway;

    SandboxCheckoutController(SandboxGateway gateway) {
        this.gateway = gateway;
    }

    @GetMapping("/public/sandbox-pay/{providerOrderId}")
    String checkout(@PathVariable String providerOrderId, @RequestParam(name = "return", required = false) String back,
                    Model model) {
        model.addAttribute("checkout", gateway.checkout(providerOrderId)
                .orElseThrow(() -> Rejection.notFound("sandbox order")));
        model.addAttribute("back", local(back));
        return "payment/sandbox-checkout";
    }

    /** Like a real gateway's return URL: after paying, the payer goes back to the shop's page (a path of this site). */
    @PostMapping("/public/sandbox-pay/{providerOrderId}/pay")
    String pay(@PathVariable String providerOrderId, @RequestParam(name = "return", required = false) String back) {
        gateway.pay(providerOrderId);
        String target = local(back);
        return "redirect:" + (target != null ? target : "/public/sandbox-pay/" + providerOrderId);
    }

    @PostMapping("/public/sandbox-pay/{providerOrderId}/cancel")
    String cancel(@PathVariable String providerOrderId, @RequestParam(name = "return", required = false) String back) {
        gateway.cancel(providerOrderId);
        String target = local(back);
        return "redirect:" + (target != null ? target : "/public/sandbox-pay/" + providerOrderId);
    }

    /** Only a path on this site (no scheme, no host, no "//"): never an open redirect. */
    static String local(String back) {
        return back != null && back.matches("/[A-Za-z0-9/_\\-]{0,200}") && !back.startsWith("//") ? back : null;
    }
}

package org.fangxin.catalog.web;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.ConstraintViolation;
import java.time.format.DateTimeFormatter;
import jakarta.validation.Validator;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.fangxin.catalog.ContractVersionView;
import org.fangxin.catalog.ProductDraft;
import org.fangxin.catalog.ProductKind;
import org.fangxin.catalog.ProductView;
import org.fangxin.catalog.Products;
import org.fangxin.catalog.RefundMethod;
import org.fangxin.catalog.Term;
import org.fangxin.catalog.domain.ContractDocument;
import org.fangxin.identity.Actor;
import org.fangxin.merchant.MerchantView;
import org.fangxin.merchant.Merchants;
import org.fangxin.rules.Rules;
import org.fangxin.rules.Violation;
import org.fangxin.shared.ProblemType;
import org.fangxin.shared.Rejection;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Pages: the merchant's product list, the product editor with live rule feedback (htmx posts the form to
 * {@code /catalog/products/check} on every change and swaps in the violations), and the printable public contract.
 */
@Controller
class CatalogPageController {

    private static final DateTimeFormatter CREATED_AT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(Rules.ZONE);

    private final Products products;
    private final Merchants merchants;
    private final Validator validator;

    CatalogPageController(Products products, Merchants merchants, Validator validator) {
        this.products = products;
        this.merchants = merchants;
        this.validator = validator;
    }

    @GetMapping("/catalog/products")
    String list(Actor actor, Model model, @RequestParam(required = false) UUID created) {
        model.addAttribute("products", actor.role().isMerchantSide() ? products.list(actor, Products.PAGE_SIZE_MAX) : List.of());
        model.addAttribute("created", created);
        model.addAttribute("owner", actor.role() == org.fangxin.identity.Role.MERCHANT_OWNER);
        return "catalog/products";
    }

    @GetMapping("/catalog/products/new")
    String editor(Actor actor, Model model) {
        MerchantView merchant = merchantOf(actor);
        return editor(model, merchant, ProductForm.blank(merchant.stores().stream().map(s -> s.id()).toList()), EditorFeedback.none());
    }

    @PostMapping("/catalog/products/check")
    String check(Actor actor, @ModelAttribute ProductForm form, Model model) {
        model.addAttribute("feedback", evaluate(actor, form, false));
        return "catalog/editor :: feedback";
    }

    @PostMapping("/catalog/products")
    String create(Actor actor, @ModelAttribute ProductForm form, Model model) {
        MerchantView merchant = merchantOf(actor);
        EditorFeedback feedback = evaluate(actor, form, true);
        if (!feedback.ok()) {
            return editor(model, merchant, form, feedback);
        }
        try {
            ProductView product = products.create(actor, form.parse().draft());
            return "redirect:/catalog/products?created=" + product.id();
        } catch (Rejection rejection) {
            return editor(model, merchant, form, fromRejection(rejection));
        }
    }

    @GetMapping("/catalog/products/{id}/terms")
    String terms(Actor actor, @PathVariable UUID id, Model model) {
        ProductView product = products.view(actor, id);
        ContractVersionView current = products.contract(product.currentVersionId());
        return termsPage(model, product, ProductForm.of(product, current.content().terms()), EditorFeedback.none());
    }

    @PostMapping("/catalog/products/{id}/terms/check")
    String checkTerms(Actor actor, @PathVariable UUID id, @ModelAttribute ProductForm typed, Model model) {
        model.addAttribute("feedback", evaluate(actor, ProductForm.revising(products.view(actor, id), typed), false));
        return "catalog/editor :: feedback";
    }

    @PostMapping("/catalog/products/{id}/terms")
    String revise(Actor actor, @PathVariable UUID id, @ModelAttribute ProductForm typed, Model model) {
        ProductView product = products.view(actor, id);
        ProductForm form = ProductForm.revising(product, typed);
        EditorFeedback feedback = evaluate(actor, form, true);
        if (!feedback.ok()) {
            return termsPage(model, product, form, feedback);
        }
        try {
            ContractVersionView version = products.revise(actor, id, form.parse().draft().terms());
            return "redirect:/public/contracts/" + version.id();
        } catch (Rejection rejection) {
            return termsPage(model, product, form, fromRejection(rejection));
        }
    }

    private String termsPage(Model model, ProductView product, ProductForm form, EditorFeedback feedback) {
        model.addAttribute("product", product);
        model.addAttribute("form", form);
        model.addAttribute("feedback", feedback);
        model.addAttribute("refundMethods", RefundMethod.values());
        return "catalog/terms";
    }

    /** The public catalog: active products of merchants that may sell, each with its contract. */
    @GetMapping("/public/products")
    String publicCatalog(Model model) {
        List<ProductView> active = products.publicCatalog(Products.PAGE_SIZE_MAX);
        java.util.Map<UUID, String> merchantNames = new java.util.HashMap<>();
        active.forEach(p -> merchantNames.computeIfAbsent(p.merchantId(),
                id -> merchants.find(id).map(MerchantView::legalName).orElse("")));
        model.addAttribute("products", active);
        model.addAttribute("merchantNames", merchantNames);
        return "catalog/public-products";
    }

    @GetMapping("/public/contracts/{versionId}")
    String contract(@PathVariable UUID versionId, Model model, HttpServletResponse response) {
        ContractVersionView version;
        try {
            version = products.contract(versionId);
        } catch (Rejection rejection) {
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
            return "catalog/contract-missing";
        }
        model.addAttribute("version", version);
        model.addAttribute("createdAt", CREATED_AT.format(version.createdAt()));
        model.addAttribute("c", version.content());
        model.addAttribute("deduction", ContractDocument.deduction(version.content().kind()));
        return "catalog/contract";
    }

    /** Parses, validates and dry-runs the form; on {@code create} the facade re-checks everything before writing. */
    private EditorFeedback evaluate(Actor actor, ProductForm form, boolean forCreate) {
        ProductForm.Parsed parsed = form.parse();
        if (!parsed.errors().isEmpty()) {
            return new EditorFeedback(true, parsed.errors(), List.of(), null, List.of());
        }
        List<String> inputErrors = new ArrayList<>();
        for (ConstraintViolation<ProductDraft> violation : validator.validate(parsed.draft())) {
            inputErrors.add(violation.getPropertyPath() + ": " + violation.getMessage());
        }
        if (!inputErrors.isEmpty()) {
            return new EditorFeedback(true, List.of(), inputErrors, null, List.of());
        }
        try {
            return new EditorFeedback(true, List.of(), List.of(), null, products.check(actor, parsed.draft()));
        } catch (Rejection rejection) {
            return fromRejection(rejection);
        }
    }

    @SuppressWarnings("unchecked")
    private static EditorFeedback fromRejection(Rejection rejection) {
        if (rejection.type().equals(Rules.RULE_VIOLATION)) {
            return new EditorFeedback(true, List.of(), List.of(), null, (List<Violation>) rejection.properties().get("violations"));
        }
        if (rejection.type().equals(ProblemType.INVALID_INPUT)) {
            return new EditorFeedback(true, List.of(), List.of(rejection.getLocalizedMessage()), null, List.of());
        }
        return new EditorFeedback(true, List.of(), List.of(), rejection.getLocalizedMessage(), List.of());
    }

    private String editor(Model model, MerchantView merchant, ProductForm form, EditorFeedback feedback) {
        model.addAttribute("merchant", merchant);
        model.addAttribute("form", form);
        model.addAttribute("feedback", feedback);
        model.addAttribute("kinds", ProductKind.values());
        model.addAttribute("audiences", org.fangxin.rules.Audience.values());
        model.addAttribute("refundMethods", RefundMethod.values());
        model.addAttribute("units", Term.Unit.values());
        return "catalog/editor";
    }

    private MerchantView merchantOf(Actor actor) {
        if (actor.role() != org.fangxin.identity.Role.MERCHANT_OWNER) {
            throw new Rejection(ProblemType.FORBIDDEN, "only a merchant's owner lists products");
        }
        return merchants.find(actor.merchantId()).orElseThrow(() -> Rejection.notFound("merchant"));
    }
}

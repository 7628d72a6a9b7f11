from django.urls import path

from . import referral_views, views

app_name = "referrals"

urlpatterns = [
    path("", views.help_directory, name="help"),
    path("<slug:slug>/", views.service_detail, name="service-detail"),
    path("<slug:slug>/preview/", views.service_preview, name="service-preview"),
    path("<slug:slug>/report/", views.report_problem, name="report-problem"),
    path("<slug:slug>/report/sent/", views.report_sent, name="report-sent"),
    path("<slug:slug>/refer/", referral_views.referral_form, name="referral-form"),
    path("<slug:slug>/refer/sent/", referral_views.referral_sent, name="referral-sent"),
]

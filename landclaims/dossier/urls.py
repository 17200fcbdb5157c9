from django.urls import path

from landclaims.dossier import views

app_name = "dossier"
urlpatterns = [
    path("claims/<int:pk>/dossier.pdf", views.claim_dossier_pdf, name="claim"),
]

const city = "Zürich";
console.log(`Grüße aus ${city} — ok ✓`);

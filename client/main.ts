document.getElementById('app')!.textContent = 'Selaras';
